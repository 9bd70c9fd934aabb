using System.Runtime.InteropServices;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Capacity;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;
using Hcsim.Engine.Tracing;

namespace Hcsim.Engine.Rules;

/// <summary>
/// What the actions do, in one place: set_colour, release, isolate, test and trace, applied for the matched requests
/// person by person in id order and, for one person, in the rules' declared order.
/// </summary>
/// <remarks>
/// Every action changes only its own person, so chunks that never split a person's requests run in parallel; what they
/// share (counters, test orders, trace requests, the event log) is collected per chunk and merged in chunk order, which
/// is person order: the same as one pass.
/// </remarks>
public sealed class RuleActions
{
    private const int ChunkSize = 4096;

    private readonly CompiledPolicy _policy;
    private readonly TestLab _lab;
    private readonly CentralBeds? _beds;
    private readonly List<int> _chunkStarts = [];
    private readonly List<ActionBatch> _batches = [];
    private readonly List<Districts.GroupOrder> _groupOrders = [];

    /// <param name="beds">Finite central isolation, when the scenario limits beds: central orders are admitted there.</param>
    public RuleActions(CompiledPolicy policy, TestLab lab, CentralBeds? beds = null)
    {
        _policy = policy;
        _lab = lab;
        _beds = beds;
        Groups = new Districts.GroupActions(policy, lab, beds);
    }

    /// <summary>The group actions (isolate_household, test_household, test_district, isolate_district), applied after each round's individual actions.</summary>
    public Districts.GroupActions Groups { get; }

    /// <summary>Traces asked for by the actions applied so far, in person order; the tracer empties it.</summary>
    public List<TraceRequest> TraceRequests { get; } = [];

    /// <summary>Co-location traces asked for by the actions applied so far, in person order; the venue tracer empties it.</summary>
    public List<Venues.VenueTraceRequest> VenueTraceRequests { get; } = [];

    /// <summary>Applies <paramref name="requests"/> (sorted by person, then rule) on <paramref name="day"/>.</summary>
    public void Apply(SimulationState state, List<ActionRequest> requests, int day)
    {
        _chunkStarts.Clear();
        for (var start = 0; start < requests.Count;)
        {
            _chunkStarts.Add(start);
            var end = Math.Min(requests.Count, start + ChunkSize);
            while (end < requests.Count && requests[end].Agent == requests[end - 1].Agent)
            {
                end++;
            }
            start = end;
        }
        _chunkStarts.Add(requests.Count);
        var chunks = _chunkStarts.Count - 1;
        while (_batches.Count < chunks)
        {
            _batches.Add(new ActionBatch(_policy.Colours.Length));
        }
        var body = new ApplyChunk { Actions = this, State = state, Requests = requests, Day = day };
        ChunkedLoop.Run(chunks, state.Parallel, ref body);
        _groupOrders.Clear();
        for (var c = 0; c < chunks; c++)
        {
            var batch = _batches[c];
            for (var colour = 0; colour < batch.NewColour.Length; colour++)
            {
                state.Today.NewColour[colour] += batch.NewColour[colour];
            }
            foreach (var (agent, kind) in batch.TestOrders)
            {
                _lab.Enqueue(agent, kind, day);
            }
            TraceRequests.AddRange(batch.Traces);
            VenueTraceRequests.AddRange(batch.VenueTraces);
            state.Details.Events?.AddRange(batch.Events);
            foreach (var (agent, days) in batch.CentralOrders)
            {
                _beds!.Request(agent, days);
            }
            _groupOrders.AddRange(batch.GroupOrders);
        }
        if (_groupOrders.Count > 0)
        {
            Groups.Apply(state, _groupOrders, day);
        }
        _beds?.Admit(state, day);
    }

    private struct ApplyChunk : IChunkBody
    {
        public RuleActions Actions;
        public SimulationState State;
        public List<ActionRequest> Requests;
        public int Day;

        public readonly void Run(int chunk)
        {
            var batch = Actions._batches[chunk];
            batch.Clear();
            var requests = CollectionsMarshal.AsSpan(Requests);
            var rules = Actions._policy.Rules;
            for (var k = Actions._chunkStarts[chunk]; k < Actions._chunkStarts[chunk + 1]; k++)
            {
                foreach (var action in rules[requests[k].Rule].Actions)
                {
                    Actions.ApplyOne(State, requests[k], action, Day, batch);
                }
            }
        }
    }

    private void ApplyOne(SimulationState state, in ActionRequest request, in CompiledAction action, int day, ActionBatch batch)
    {
        var a = state.Agents;
        var agent = request.Agent;
        var rule = _policy.Rules[request.Rule].Name;
        var log = state.Details.Events is not null;
        switch (action.Kind)
        {
            case ActionKind.SetColour:
                // A plain colour change never lowers: a red person traced as a contact stays red.
                if (action.Colour > a.Colour[agent])
                {
                    ChangeColour(a, agent, action.Colour, day, rule, batch, log);
                }
                break;
            case ActionKind.Release:
                if (action.Colour != a.Colour[agent])
                {
                    ChangeColour(a, agent, action.Colour, day, rule, batch, log);
                }
                var confined = a.Release(agent, AgentState.Day(day + 1));
                if (confined != ConfinementKind.None && log)
                {
                    batch.Events.Add(new PersonEvent(day, agent, PersonEventKind.Confinement, (byte)confined, (byte)ConfinementKind.None, rule));
                }
                break;
            case ActionKind.Confine when _beds is not null && action.Where == ConfinementKind.Central:
                // Beds are finite: the order is admitted after the round, in person order (CentralBeds).
                batch.CentralOrders.Add((agent, action.Days));
                break;
            case ActionKind.Confine:
                // Confinement starts tomorrow: today's transmission has already happened.
                var start = AgentState.Day(day + 1);
                var end = action.Days < 0 ? AgentState.Never : AgentState.Day(start + action.Days);
                var ongoing = a.Confine(agent, action.Where, start, end);
                if (log && a.Confinement[agent] != ongoing)
                {
                    batch.Events.Add(new PersonEvent(day, agent, PersonEventKind.Confinement, (byte)ongoing, (byte)a.Confinement[agent], rule));
                }
                break;
            case ActionKind.Test:
                if (TestLab.Reserve(a, agent))
                {
                    batch.TestOrders.Add((agent, action.TestKind));
                }
                break;
            case ActionKind.Trace:
                if (request.Depth + 1 <= _policy.MaxTraceDepth)
                {
                    batch.Traces.Add(new TraceRequest(agent, request.Depth + 1, action.Layers, action.TraceDays, action.DelayDays));
                }
                break;
            case ActionKind.TraceVenues:
                batch.VenueTraces.Add(new Venues.VenueTraceRequest(agent, action.WindowSlots, action.TraceDays, action.DelayDays, action.VenueKinds));
                break;
            case var group when Districts.GroupActions.IsGroup(group):
                // It reaches other people: applied after the round, in person order (GroupActions).
                batch.GroupOrders.Add(new Districts.GroupOrder(agent, request.Rule, action));
                break;
            case ActionKind.RefuseTravel:
                // The travel part keeps the traveller at home (Regions/TravelPhase); nothing else changes.
                break;
        }
    }

    private static void ChangeColour(AgentState a, int agent, byte colour, int day, string rule, ActionBatch batch, bool log)
    {
        if (log)
        {
            batch.Events.Add(new PersonEvent(day, agent, PersonEventKind.Colour, a.Colour[agent], colour, rule));
        }
        a.Colour[agent] = colour;
        a.ColourSinceDay[agent] = AgentState.Day(day);
        a.HealthyStreak[agent] = 0;
        if (colour != 0)
        {
            a.Marks[agent] |= AgentMarks.EverFlagged;
        }
        batch.NewColour[colour]++;
    }

    /// <summary>What one chunk of requests leaves for the merge: counters, test orders, trace requests, events.</summary>
    private sealed class ActionBatch(int colours)
    {
        public int[] NewColour { get; } = new int[colours];
        public List<(int Agent, int Kind)> TestOrders { get; } = [];
        public List<TraceRequest> Traces { get; } = [];
        public List<Venues.VenueTraceRequest> VenueTraces { get; } = [];
        public List<PersonEvent> Events { get; } = [];
        public List<(int Agent, int Days)> CentralOrders { get; } = [];
        public List<Districts.GroupOrder> GroupOrders { get; } = [];

        public void Clear()
        {
            GroupOrders.Clear();
            CentralOrders.Clear();
            Array.Clear(NewColour);
            TestOrders.Clear();
            Traces.Clear();
            VenueTraces.Clear();
            Events.Clear();
        }
    }
}
