using Hcsim.Engine.Capacity;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Rules;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;
using Hcsim.Engine.Tracing;

namespace Hcsim.Engine.Phases;

/// <summary>
/// Runs the health-code rules in rounds: evaluate (<see cref="RuleEvaluator"/>), apply (<see cref="RuleActions"/>),
/// trace (<see cref="ContactTracer"/>); then takes the day's test samples.
/// </summary>
/// <remarks>
/// Round 0 evaluates every rule against the state as it stands at the start of the phase, for the people its trigger
/// concerns: fever_report (today's fever reports), test_result (results arriving today), traced (traces due today),
/// checkin (people who checked in today, among the rule's colours), daily (living people of the rule's colours) and
/// venue_exposure (venue exposures due today; with venues only).
/// Traces with a delay of 0 days are delivered in further rounds the same day, until none is due; each round's traced
/// events are one generation deeper, so there are at most <c>max_trace_depth</c> + 1 rounds.
/// </remarks>
public sealed class HealthCodePhase : IDayPhase
{
    private readonly CompiledPolicy _policy;
    private readonly TestLab _lab;
    private readonly RuleEvaluator _evaluator;
    private readonly RuleActions _actions;
    private readonly ContactTracer _tracer;
    private readonly Venues.VenueTracer? _venueTracer;
    private readonly TracingYield? _yield;

    /// <param name="beds">Finite central isolation beds, when the scenario limits them.</param>
    /// <param name="tracers">Finite tracers and their coverage, when the scenario has a tracing section.</param>
    /// <param name="venueTracer">Co-location flagging when the model has venues, else null.</param>
    /// <param name="yield">The traced and traced_infected counts when a rule traces contacts, else null.</param>
    public HealthCodePhase(CompiledPolicy policy, TestLab lab, DailyContacts contacts, CentralBeds? beds = null, TracingCapacity? tracers = null,
        Venues.VenueTracer? venueTracer = null, TracingYield? yield = null)
    {
        _yield = yield;
        _venueTracer = venueTracer;
        _policy = policy;
        _lab = lab;
        _evaluator = new RuleEvaluator(policy);
        _actions = new RuleActions(policy, lab, beds);
        _tracer = new ContactTracer(contacts, tracers);
    }

    public string Name => "health_code";

    /// <summary>The actions this phase applies; the travel part applies departure rules' actions through them.</summary>
    public RuleActions Actions => _actions;

    /// <summary>Whether cases wait in the tracers' backlog.</summary>
    public bool HasPendingTraces => _tracer.HasPending;

    public void Step(SimulationState state, int day)
    {
        if (!_policy.Enabled)
        {
            return;
        }
        state.VenueExposureQueue.TakeDue(day, state.VenueExposures);
        var requests = _evaluator.Evaluate(state, day, Delivered(state, day), allTriggers: true);
        while (true)
        {
            _actions.Apply(state, requests, day);
            _tracer.Trace(state, day, _actions.TraceRequests);
            if (_venueTracer is not null)
            {
                _venueTracer.Trace(state, day, _actions.VenueTraceRequests);
            }
            _actions.VenueTraceRequests.Clear();
            if (!state.Traces.HasDue(day))
            {
                break;
            }
            requests = _evaluator.Evaluate(state, day, Delivered(state, day), allTriggers: false);
        }
        state.Records.AddTests(_lab.TakeSamples(state.Agents, day, state.Seed, state.TestHistory));
    }

    /// <summary>The traced events due today (one per person), counted for the contact yield before any rule acts on them.</summary>
    private List<TracedEvent> Delivered(SimulationState state, int day)
    {
        var delivered = state.Traces.TakeDue(day, state.Parallel);
        _yield?.Count(state.Agents, day, delivered);
        return delivered;
    }
}
