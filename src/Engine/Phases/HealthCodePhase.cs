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
    private static readonly string[] QuarantineNames = ["none", "home", "central"];
    private static readonly string[] TestNames = ["none", "negative", "positive"];

    private readonly CompiledPolicy _policy;
    private readonly TestLab _lab;
    private readonly DailyContacts _contacts;
    private readonly string[] _colourNames;
    private readonly List<int>[] _byColour;
    private const int JobChunkSize = 4096;

    private readonly List<Job> _jobs = [];
    private readonly List<List<Request>> _chunkRequests = [];
    private readonly List<Request> _requests = [];
    private readonly bool _needsColourLists;
    private readonly Action<int> _evaluateChunk;
    private SimulationState? _state;
    private int _day;

    public HealthCodePhase(CompiledPolicy policy, TestLab lab, DailyContacts contacts)
    {
        _policy = policy;
        _lab = lab;
        _contacts = contacts;
        _colourNames = [.. policy.Colours];
        _byColour = policy.Colours.Select(_ => new List<int>()).ToArray();
        _needsColourLists = policy.Rules.Any(r => r.Trigger is RuleTrigger.Checkin or RuleTrigger.Daily);
        _evaluateChunk = EvaluateChunk;
    }

    public string Name => "health_code";

    public void Step(SimulationState state, int day)
    {
        if (!_policy.Enabled)
        {
            return;
        }
        if (_needsColourLists)
        {
            BuildColourLists(state.Agents);
        }
        _jobs.Clear();
        for (var r = 0; r < _policy.Rules.Length; r++)
        {
            var rule = _policy.Rules[r];
            switch (rule.Trigger)
            {
                case RuleTrigger.FeverReport:
                    foreach (var agent in state.FeverReports)
                    {
                        _jobs.Add(new Job(agent, r, default));
                    }
                    break;
                case RuleTrigger.TestResult:
                    foreach (var result in state.TestResults)
                    {
                        _jobs.Add(new Job(result.Agent, r, new Payload { TestPositive = result.Positive }));
                    }
                    break;
                case RuleTrigger.Checkin:
                case RuleTrigger.Daily:
                    AddColourJobs(state.Agents, rule, r, day);
                    break;
            }
        }
        AddTracedJobs(state.Traces.TakeDue(day));
        EvaluateAndApply(state, day);

        for (var round = 1; round < MaxRounds && state.Traces.HasDue(day); round++)
        {
            _jobs.Clear();
            AddTracedJobs(state.Traces.TakeDue(day));
            EvaluateAndApply(state, day);
        }
        _lab.TakeSamples(state.Agents, day, state.Seed);
    }

    private void BuildColourLists(AgentState agents)
    {
        foreach (var list in _byColour)
        {
            list.Clear();
        }
        var colour = agents.Colour;
        var stage = agents.Stage;
        for (var i = 0; i < colour.Length; i++)
        {
            if (colour[i] != 0 && stage[i] != DiseaseStage.Dead)
            {
                _byColour[colour[i]].Add(i);
            }
        }
    }

    private void AddColourJobs(AgentState agents, CompiledRule rule, int ruleIndex, int day)
    {
        var checkinOnly = rule.Trigger == RuleTrigger.Checkin;
        for (var c = 0; c < _colourNames.Length; c++)
        {
            if (!rule.AppliesTo((byte)c))
            {
                continue;
            }
            if (c == 0)
            {
                // The first colour is held by most people: walk everyone rather than keep a list of them all.
                for (var i = 0; i < agents.Size; i++)
                {
                    if (agents.Colour[i] == 0 && agents.Stage[i] != DiseaseStage.Dead && (!checkinOnly || agents.CheckInDay[i] == day))
                    {
                        _jobs.Add(new Job(i, ruleIndex, default));
                    }
                }
                continue;
            }
            foreach (var agent in _byColour[c])
            {
                if (!checkinOnly || agents.CheckInDay[agent] == day)
                {
                    _jobs.Add(new Job(agent, ruleIndex, default));
                }
            }
        }
    }

    private void AddTracedJobs(List<TracedEvent> events)
    {
        for (var r = 0; r < _policy.Rules.Length; r++)
        {
            if (_policy.Rules[r].Trigger != RuleTrigger.Traced)
            {
                continue;
            }
            foreach (var e in events)
            {
                _jobs.Add(new Job(e.Target, r, new Payload
                {
                    TracedLayer = ContactLayers.Names[(int)e.Layer],
                    TracedDaysAgo = e.DaysAgo,
                    TraceDepth = e.Depth,
                }));
            }
        }
    }

    /// <summary>Evaluates the collected jobs in parallel chunks (conditions only read state), then applies the matches.</summary>
    private void EvaluateAndApply(SimulationState state, int day)
    {
        var chunks = (_jobs.Count + JobChunkSize - 1) / JobChunkSize;
        while (_chunkRequests.Count < chunks)
        {
            _chunkRequests.Add([]);
        }
        _state = state;
        _day = day;
        if (chunks == 1)
        {
            EvaluateChunk(0);
        }
        else if (chunks > 1)
        {
            Parallel.For(0, chunks, state.Parallel, _evaluateChunk);
        }
        _requests.Clear();
        for (var c = 0; c < chunks; c++)
        {
            _requests.AddRange(_chunkRequests[c]);
        }
        Apply(state, day);
    }

    private void EvaluateChunk(int chunk)
    {
        var state = _state!;
        var day = _day;
        var agents = state.Agents;
        var output = _chunkRequests[chunk];
        output.Clear();
        var jobs = CollectionsMarshal.AsSpan(_jobs);
        var end = Math.Min(jobs.Length, (chunk + 1) * JobChunkSize);
        for (var k = chunk * JobChunkSize; k < end; k++)
        {
            ref readonly var job = ref jobs[k];
            var rule = _policy.Rules[job.Rule];
            if (agents.Stage[job.Agent] == DiseaseStage.Dead || !rule.AppliesTo(agents.Colour[job.Agent]))
            {
                continue;
            }
            var facts = FactsOf(state, job.Agent, day, job.Payload);
            if (rule.Matches(ref facts))
            {
                output.Add(new Request(job.Agent, job.Rule, job.Payload.TraceDepth));
            }
        }
    }

    private PersonFacts FactsOf(SimulationState state, int agent, int day, Payload payload)
    {
        var a = state.Agents;
        var confinement = a.ConfinementOn(agent, day);
        return new PersonFacts
        {
            Colour = _colourNames[a.Colour[agent]],
            DaysInColour = day - a.ColourSinceDay[agent],
            HealthyStreak = a.HealthyStreak[agent],
            ReportedFever = a.FeverReportDay[agent] == day,
            CheckedIn = a.CheckInDay[agent] == day,
            Quarantine = QuarantineNames[(int)confinement],
            QuarantineDays = confinement == QuarantineKind.None ? 0 : day - a.QuarantineStartDay[agent] + 1,
            LastTest = TestNames[(int)a.LastTest[agent]],
            LastTestAge = a.LastTest[agent] == TestOutcome.None ? RuleFacts.NoTestAge : day - a.LastTestDay[agent],
            TestPending = a.PendingTestResultDay[agent] != AgentState.Never,
            Age = state.World.AgeYears[agent],
            Day = day,
            TestPositive = payload.TestPositive,
            TracedLayer = payload.TracedLayer ?? "",
            TracedDaysAgo = payload.TracedDaysAgo,
            TraceDepth = payload.TraceDepth,
        };
    }

    private void Apply(SimulationState state, int day)
    {
        var requests = CollectionsMarshal.AsSpan(_requests);
        requests.Sort(static (x, y) =>
        {
            var c = x.Agent.CompareTo(y.Agent);
            return c != 0 ? c : x.Rule.CompareTo(y.Rule);
        });
        foreach (ref readonly var request in requests)
        {
            foreach (var action in _policy.Rules[request.Rule].Actions)
            {
                ApplyAction(state, request, action, day);
            }
        }
    }

    private void ApplyAction(SimulationState state, in Request request, in CompiledAction action, int day)
    {
        var a = state.Agents;
        var agent = request.Agent;
        var rule = _policy.Rules[request.Rule].Name;
        switch (action.Kind)
        {
            case ActionKind.SetColour:
                if (action.Colour > a.Colour[agent])
                {
                    ChangeColour(state, agent, action.Colour, day, rule);
                }
                break;
            case ActionKind.Release:
                if (action.Colour != a.Colour[agent])
                {
                    ChangeColour(state, agent, action.Colour, day, rule);
                }
                var confined = a.ConfinementOn(agent, day + 1);
                if (confined != QuarantineKind.None)
                {
                    a.QuarantineEndDay[agent] = AgentState.Day(day + 1);
                    state.Details.Events?.Add(new PersonEvent(day, agent, PersonEventKind.Quarantine, (byte)confined, (byte)QuarantineKind.None, rule));
                }
                break;
            case ActionKind.Isolate:
                Isolate(state, agent, action, day, rule);
                break;
            case ActionKind.Test:
                _lab.Order(a, agent, action.TestKind);
                break;
            case ActionKind.Trace:
                Trace(state, agent, request.Depth + 1, action, day);
                break;
        }
    }

    private static void ChangeColour(SimulationState state, int agent, byte colour, int day, string rule)
    {
        var a = state.Agents;
        state.Details.Events?.Add(new PersonEvent(day, agent, PersonEventKind.Colour, a.Colour[agent], colour, rule));
        a.Colour[agent] = colour;
        a.ColourSinceDay[agent] = AgentState.Day(day);
        a.HealthyStreak[agent] = 0;
        if (colour != 0)
        {
            a.Marks[agent] |= AgentMarks.EverFlagged;
        }
        state.Today.NewColour[colour]++;
    }

    /// <summary>Confinement starts tomorrow; an ongoing spell is extended (later end wins) and upgraded (stricter kind wins).</summary>
    private static void Isolate(SimulationState state, int agent, in CompiledAction action, int day, string rule)
    {
        var a = state.Agents;
        var start = AgentState.Day(day + 1);
        var end = action.Days < 0 ? AgentState.Never : AgentState.Day(start + action.Days);
        var ongoing = a.ConfinementOn(agent, start);
        if (ongoing != QuarantineKind.None)
        {
            a.Quarantine[agent] = (QuarantineKind)Math.Max((byte)ongoing, (byte)action.Where);
            a.QuarantineEndDay[agent] = Math.Max(a.QuarantineEndDay[agent], end);
        }
        else
        {
            a.Quarantine[agent] = action.Where;
            a.QuarantineStartDay[agent] = start;
            a.QuarantineEndDay[agent] = end;
        }
        if (a.Quarantine[agent] != ongoing)
        {
            state.Details.Events?.Add(new PersonEvent(day, agent, PersonEventKind.Quarantine, (byte)ongoing, (byte)a.Quarantine[agent], rule));
        }
    }

    private void Trace(SimulationState state, int agent, int depth, in CompiledAction action, int day)
    {
        if (depth > _policy.MaxTraceDepth)
        {
            return;
        }
        var collector = new TraceCollector { Queue = state.Traces, Source = agent, Depth = depth, DueDay = day + action.DelayDays };
        for (var layer = 0; layer < ContactLayers.Count; layer++)
        {
            if ((action.Layers & (1 << layer)) == 0)
            {
                continue;
            }
            for (var past = Math.Max(0, day - action.TraceDays + 1); past <= day; past++)
            {
                collector.DaysAgo = day - past;
                _contacts.ForEach(agent, past, (ContactLayer)layer, ref collector);
            }
        }
    }

    private readonly record struct Request(int Agent, int Rule, int Depth);

    /// <summary>One person to put before one rule, with the trigger's payload.</summary>
    private readonly record struct Job(int Agent, int Rule, Payload Payload);

    private readonly struct Payload
    {
        public bool TestPositive { get; init; }
        public string? TracedLayer { get; init; }
        public int TracedDaysAgo { get; init; }
        public int TraceDepth { get; init; }
    }

    private struct TraceCollector : IContactVisitor
    {
        public TraceQueue Queue;
        public int Source;
        public int Depth;
        public int DaysAgo;
        public int DueDay;

        public readonly bool Wants(int other) => true;

        public readonly void Visit(int other, ContactLayer layer) =>
            Queue.Add(DueDay, new TracedEvent(other, Source, layer, DaysAgo, Depth));
    }
}
