using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Tracing;

namespace Hcsim.Engine.Capacity;

/// <summary>
/// Finite tracers: trace requests join a backlog, first come first served, and each day the tracers take cases from it
/// while fewer than <c>capacity_per_day</c> contacts have been traced that day (a case is traced whole, so the last one
/// may overshoot). A case traced later than asked searches the same days as it would have (the window ends on the day
/// it was asked), and its contacts' traced events come <c>delay_days</c> after the day it is traced. With coverage, a
/// contact is found with its layer's probability, a pure function of (seed, contact day, layer, case, contact)
/// (stream TraceCoverage), so a contact missed once is missed whenever that case's contacts of that day are traced.
/// </summary>
public sealed class TracingCapacity
{
    public static readonly PartColumn ContactsTracedColumn = new("contacts_traced",
        "Contacts found by tracing today (before the one-traced-event-per-person-per-day rule), when the scenario has a tracing section.");
    public static readonly PartColumn BacklogColumn = new("trace_backlog",
        "Cases waiting to be traced at the end of the day (tracing.capacity_per_day reached).");

    private readonly int _capacity;
    private readonly Queue<(TraceRequest Request, int Day)> _backlog = new();
    private readonly int[] _traced;
    private readonly int[] _waiting;

    public TracingCapacity(TracingConfig config, DailyMetrics daily)
    {
        _capacity = config.CapacityPerDay > 0 ? config.CapacityPerDay : int.MaxValue;
        Coverage = [config.Coverage.Household, config.Coverage.Work, config.Coverage.School, config.Coverage.Community];
        _traced = daily.AddPartColumn(ContactsTracedColumn);
        _waiting = daily.AddPartColumn(BacklogColumn);
    }

    /// <summary>Share of true contacts found, by <see cref="Contacts.ContactLayer"/>.</summary>
    public double[] Coverage { get; }

    /// <summary>Whether tracers are finite (else only the coverage applies, and no case waits).</summary>
    public bool Limited => _capacity != int.MaxValue;

    /// <summary>Whether traces wait in the backlog.</summary>
    public bool HasPending => _backlog.Count > 0;

    /// <summary>Adds today's requests, in order, to the end of the backlog.</summary>
    public void Add(List<TraceRequest> requests, int day)
    {
        foreach (var request in requests)
        {
            _backlog.Enqueue((request, day));
        }
    }

    /// <summary>The next case to trace today, or false when the backlog is empty or today's capacity is used.</summary>
    public bool TryNext(int day, out TraceRequest request, out int requestDay)
    {
        if (_backlog.Count == 0 || _traced[day] >= _capacity)
        {
            request = default;
            requestDay = 0;
            _waiting[day] = _backlog.Count;
            return false;
        }
        (request, requestDay) = _backlog.Dequeue();
        return true;
    }

    /// <summary>Counts the contacts one traced case yielded today.</summary>
    public void Traced(int day, int contacts) => _traced[day] += contacts;
}
