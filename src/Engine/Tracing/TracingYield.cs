using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tracing;

/// <summary>
/// The contact yield of tracing: people reached by a <c>traced</c> event each day, and how many of them were infected
/// (exposed or infectious) at that moment, i.e. on the day the event is delivered, as the health-code phase starts
/// that day's rule rounds (after the day's transmission and progression). Their ratio is the share of traced contacts
/// who were infected, the number contact-tracing studies report. A person reached by several traces on one day counts
/// once (the trace queue delivers one event per person and day); the same person reached on another day counts again.
/// </summary>
/// <remarks>
/// Present when some rule of the policy has a <c>trace</c> action, so scenarios without tracing keep the daily table
/// they had. Counting only reads the delivered events and the disease stage, so no other number changes.
/// </remarks>
public sealed class TracingYield
{
    public static readonly PartColumn TracedColumn = new("traced",
        "People reached by a traced event today (after the traced delivery delay; one per person per day), when a rule traces contacts.");
    public static readonly PartColumn TracedInfectedColumn = new("traced_infected",
        "Of traced, people who were infected (exposed or infectious) when the event reached them; traced_infected / traced is the contact yield.");

    private readonly int[] _traced;
    private readonly int[] _tracedInfected;

    private TracingYield(int[] traced, int[] tracedInfected)
    {
        _traced = traced;
        _tracedInfected = tracedInfected;
    }

    /// <summary>The daily columns, in file order.</summary>
    public static IReadOnlyList<PartColumn> Columns { get; } = [TracedColumn, TracedInfectedColumn];

    /// <summary>Whether a rule of <paramref name="model"/>'s policy has a <c>trace</c> action.</summary>
    public static bool IsOn(ModelConfig model) => model.Policy.Rules.Any(r => r.Do.Any(a => a.Trace is not null));

    /// <summary>Adds the columns to a run's daily table when the model traces contacts; null otherwise.</summary>
    public static TracingYield? AddTo(ModelConfig model, DailyMetrics daily) =>
        IsOn(model) ? new TracingYield(daily.AddPartColumn(TracedColumn), daily.AddPartColumn(TracedInfectedColumn)) : null;

    /// <summary>Counts one delivery round's events (one per person) against the stage each person is in now.</summary>
    public void Count(AgentState agents, int day, List<TracedEvent> delivered)
    {
        var infected = 0;
        foreach (var e in delivered)
        {
            var stage = agents.Stage[e.Target];
            if (stage != DiseaseStage.Susceptible && stage != DiseaseStage.Recovered && stage != DiseaseStage.Dead)
            {
                infected++;
            }
        }
        _traced[day] += delivered.Count;
        _tracedInfected[day] += infected;
    }
}
