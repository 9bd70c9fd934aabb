using System.Runtime.InteropServices;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Rules;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;

namespace Hcsim.Engine.Phases;

/// <summary>
/// Runs the health-code rules: evaluate, then apply.
/// </summary>
/// <remarks>
/// Round 0 evaluates every rule against the state as it stands at the start of the phase, for the people its trigger
/// concerns: fever_report (today's fever reports), test_result (results arriving today), traced (traces due today),
/// checkin (people who checked in today, among the rule's colours) and daily (living people of the rule's colours).
/// Matching rules are collected as requests and applied once, person by person in id order and, for one person, in the
/// rules' declared order, so the outcome never depends on threads. Traces with a delay of 0 days are delivered in a
/// further round the same day (bounded by the trace depth). Finally the day's test samples are taken.
/// </remarks>
public sealed class HealthCodePhase : IDayPhase
{
    private const int MaxRounds = 16;

    private readonly CompiledPolicy _policy;
    private readonly TestLab _lab;
    private readonly DailyContacts _contacts;
    private const int TraceChunk = 256;

    private readonly RuleEvaluator _evaluator;
    private readonly List<PendingTrace> _pendingTraces = [];
    private readonly List<TraceOutput> _traceOutputs = [];
    private readonly Action<int> _traceChunk;
    private const int ApplyChunk = 4096;
    private readonly List<int> _chunkStarts = [];
    private readonly List<ApplyBatch> _batches = [];
    private readonly Action<int> _applyChunk;
    private List<ActionRequest> _requests = [];
    private SimulationState? _state;
    private int _day;

    public HealthCodePhase(CompiledPolicy policy, TestLab lab, DailyContacts contacts)
    {
        _policy = policy;
        _lab = lab;
        _contacts = contacts;
        _evaluator = new RuleEvaluator(policy);
        _traceChunk = TraceChunkBody;
        _applyChunk = ApplyChunkBody;
    }

    public string Name => "health_code";

    public void Step(SimulationState state, int day)
    {
        if (!_policy.Enabled)
        {
            return;
        }
        Apply(state, _evaluator.Evaluate(state, day, state.Traces.TakeDue(day, state.Parallel), allTriggers: true), day);
        for (var round = 1; round < MaxRounds && state.Traces.HasDue(day); round++)
        {
            Apply(state, _evaluator.Evaluate(state, day, state.Traces.TakeDue(day, state.Parallel), allTriggers: false), day);
        }
        _lab.TakeSamples(state.Agents, day, state.Seed);
    }

    /// <summary>
    /// Applies the requests (sorted by person, then rule). Every action changes only its own person, so chunks that
    /// never split a person's requests run in parallel; what they share (counters, test orders, traces, the event log)
    /// is collected per chunk and merged in chunk order, which is person order: the same as one pass.
    /// </summary>
    private void Apply(SimulationState state, List<ActionRequest> requests, int day)
    {
        _requests = requests;
        _chunkStarts.Clear();
        for (var start = 0; start < requests.Count;)
        {
            _chunkStarts.Add(start);
            var end = Math.Min(requests.Count, start + ApplyChunk);
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
            _batches.Add(new ApplyBatch(_policy.Colours.Length));
        }
        _state = state;
        _day = day;
        ChunkedLoop.Run(chunks, state.Parallel, _applyChunk);
        for (var c = 0; c < chunks; c++)
        {
            var batch = _batches[c];
            for (var colour = 0; colour < batch.NewColour.Length; colour++)
            {
                state.Today.NewColour[colour] += batch.NewColour[colour];
            }
            foreach (var (agent, kind) in batch.TestOrders)
            {
                _lab.Enqueue(agent, kind);
            }
            _pendingTraces.AddRange(batch.Traces);
            state.Details.Events?.AddRange(batch.Events);
        }
        RunTraces(state, day);
    }

    private void ApplyChunkBody(int chunk)
    {
        var state = _state!;
        var batch = _batches[chunk];
        batch.Clear();
        var requests = CollectionsMarshal.AsSpan(_requests);
        for (var k = _chunkStarts[chunk]; k < _chunkStarts[chunk + 1]; k++)
        {
            foreach (var action in _policy.Rules[requests[k].Rule].Actions)
            {
                ApplyAction(state, requests[k], action, _day, batch);
            }
        }
    }

    private void ApplyAction(SimulationState state, in ActionRequest request, in CompiledAction action, int day, ApplyBatch batch)
    {
        var a = state.Agents;
        var agent = request.Agent;
        var rule = _policy.Rules[request.Rule].Name;
        var log = state.Details.Events is not null;
        switch (action.Kind)
        {
            case ActionKind.SetColour:
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
            case ActionKind.Isolate:
                Isolate(a, agent, action, day, rule, batch, log);
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
                    batch.Traces.Add(new PendingTrace(agent, request.Depth + 1, action));
                }
                break;
        }
    }

    private static void ChangeColour(AgentState a, int agent, byte colour, int day, string rule, ApplyBatch batch, bool log)
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

    /// <summary>Confinement starts tomorrow; an ongoing spell is extended (later end wins) and upgraded (stricter kind wins).</summary>
    private static void Isolate(AgentState a, int agent, in CompiledAction action, int day, string rule, ApplyBatch batch, bool log)
    {
        var start = AgentState.Day(day + 1);
        var end = action.Days < 0 ? AgentState.Never : AgentState.Day(start + action.Days);
        var ongoing = a.Confine(agent, action.Where, start, end);
        if (log && a.Confinement[agent] != ongoing)
        {
            batch.Events.Add(new PersonEvent(day, agent, PersonEventKind.Confinement, (byte)ongoing, (byte)a.Confinement[agent], rule));
        }
    }

    /// <summary>What one chunk of requests leaves for the merge: counters, test orders, traces, events.</summary>
    private sealed class ApplyBatch(int colours)
    {
        public int[] NewColour { get; } = new int[colours];
        public List<(int Agent, int Kind)> TestOrders { get; } = [];
        public List<PendingTrace> Traces { get; } = [];
        public List<PersonEvent> Events { get; } = [];

        public void Clear()
        {
            Array.Clear(NewColour);
            TestOrders.Clear();
            Traces.Clear();
            Events.Clear();
        }
    }

    /// <summary>
    /// Finds the contacts of every trace requested in this round, in parallel (it only reads state), and queues their
    /// traced events. Runs after all of the round's actions, so it sees today's confinement decisions (which only start
    /// tomorrow, so they never hide a past contact).
    /// </summary>
    private void RunTraces(SimulationState state, int day)
    {
        var chunks = (_pendingTraces.Count + TraceChunk - 1) / TraceChunk;
        if (chunks == 0)
        {
            return;
        }
        while (_traceOutputs.Count < chunks)
        {
            _traceOutputs.Add(new TraceOutput());
        }
        _state = state;
        _day = day;
        ChunkedLoop.Run(chunks, state.Parallel, _traceChunk);
        for (var c = 0; c < chunks; c++)
        {
            var output = _traceOutputs[c];
            if (output.Groups.Count == 1)
            {
                // The usual case, one delay for every trace: the chunk's list itself goes to the queue.
                state.Traces.AddSegment(output.Groups[0].Due, output.Events);
                output.Events = state.Traces.RentSegment();
                continue;
            }
            for (var g = 0; g < output.Groups.Count; g++)
            {
                var (due, start) = output.Groups[g];
                var end = g + 1 < output.Groups.Count ? output.Groups[g + 1].Start : output.Events.Count;
                var segment = state.Traces.RentSegment();
                segment.AddRange(CollectionsMarshal.AsSpan(output.Events)[start..end]);
                state.Traces.AddSegment(due, segment);
            }
        }
        _pendingTraces.Clear();
    }

    private void TraceChunkBody(int chunk)
    {
        var day = _day;
        var output = _traceOutputs[chunk];
        output.Clear();
        var end = Math.Min(_pendingTraces.Count, (chunk + 1) * TraceChunk);
        for (var k = chunk * TraceChunk; k < end; k++)
        {
            var trace = _pendingTraces[k];
            var action = trace.Action;
            var due = day + action.DelayDays;
            if (output.Groups.Count == 0 || output.Groups[^1].Due != due)
            {
                output.Groups.Add((due, output.Events.Count));
            }
            var collector = new TraceCollector { Output = output.Events, Source = trace.Agent, Depth = trace.Depth };
            for (var layer = 0; layer < ContactLayers.Count; layer++)
            {
                if ((action.Layers & (1 << layer)) == 0)
                {
                    continue;
                }
                for (var past = Math.Max(0, day - action.TraceDays + 1); past <= day; past++)
                {
                    collector.DaysAgo = day - past;
                    _contacts.ForEach(trace.Agent, past, (ContactLayer)layer, ref collector);
                }
            }
        }
    }

    /// <summary>A trace asked for by an action, run after the round's other actions.</summary>
    private readonly record struct PendingTrace(int Agent, int Depth, CompiledAction Action);

    private struct TraceCollector : IContactVisitor
    {
        public List<TracedEvent> Output;
        public int Source;
        public int Depth;
        public int DaysAgo;

        public readonly bool Wants(int other) => true;

        public readonly void Visit(int other, ContactLayer layer) =>
            Output.Add(new TracedEvent(other, Source, layer, DaysAgo, Depth));
    }

    /// <summary>One chunk's traced events, in runs that share a due day.</summary>
    private sealed class TraceOutput
    {
        public List<TracedEvent> Events { get; set; } = [];
        public List<(int Due, int Start)> Groups { get; } = [];

        public void Clear()
        {
            Events.Clear();
            Groups.Clear();
        }
    }
}
