using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;
using Hcsim.Engine.Tracing;

namespace Hcsim.Engine.Rules;

/// <summary>
/// Evaluates the rules of one day in parallel and returns the matches sorted by (person, rule), ready to apply.
/// </summary>
/// <remarks>
/// Conditions only read state, so evaluation runs over fixed chunks on any number of threads. Each trigger produces a
/// run of requests already in person order (fever reports, test results and traces are sorted by person; checkin and
/// daily rules come from one pass over all people in id order), so a k-way merge replaces a sort.
/// </remarks>
public sealed class RuleEvaluator
{
    private const int EventChunk = 2048;
    private const int AgentChunk = 1 << 15;
    /// <summary>The <c>last_test</c> fact's values, indexed by <see cref="TestOutcome"/>.</summary>
    public static readonly IReadOnlyList<string> TestNames = ["none", "negative", "positive"];

    private readonly CompiledPolicy _policy;
    private readonly ulong _colourFacts;
    private readonly ulong _checkInFacts;
    private readonly ulong _confinementFacts;
    private readonly ulong _testFacts;
    private readonly ulong _historyFacts;
    private readonly ulong _ageFact;
    private readonly ulong _districtFacts;
    private readonly ulong _scoreFact;
    private readonly ulong _heededFact;
    private readonly string[] _colourNames;
    private readonly int[] _scopedRules;
    private readonly ulong _scopedColours;
    /// <summary>The colours of <see cref="_scopedColours"/>, for the block scan.</summary>
    private readonly byte[] _scopedColourList;
    private readonly List<List<ActionRequest>> _runs = [];
    private readonly List<List<ActionRequest>> _chunkOutputs = [];
    private readonly List<ActionRequest> _merged = [];
    private int _runCount;

    public RuleEvaluator(CompiledPolicy policy)
    {
        _policy = policy;
        var registry = policy.Registry;
        _colourFacts = registry.FactBits("colour", "days_in_colour");
        _checkInFacts = registry.FactBits("healthy_streak", "reported_fever", "checked_in");
        _confinementFacts = registry.FactBits("quarantine", "quarantine_days");
        _testFacts = registry.FactBits("last_test", "last_test_age", "test_pending");
        _historyFacts = registry.FactBits(TestHistory.Facts);
        _ageFact = registry.FactBits("age");
        _districtFacts = registry.FactBits(Districts.DistrictRules.Facts);
        _scoreFact = registry.FactBits("score");
        _heededFact = registry.FactBits("notification_heeded");
        _colourNames = [.. policy.Colours];
        _scopedRules = Enumerable.Range(0, policy.Rules.Length)
            .Where(r => policy.Rules[r].Trigger is RuleTrigger.Checkin or RuleTrigger.Daily).ToArray();
        _scopedColours = _scopedRules.Aggregate(0UL, (mask, r) => mask | policy.Rules[r].ColourMask);
        _scopedColourList = Enumerable.Range(0, 64).Where(c => (_scopedColours & (1UL << c)) != 0).Select(c => (byte)c).ToArray();
    }

    private enum EventSource : byte
    {
        FeverReports,
        TestResults,
        Traces,
        VenueExposures,
    }

    /// <summary>
    /// The matches of one evaluation round. With <paramref name="allTriggers"/> every rule is evaluated (the day's
    /// first round); without, only traced rules, for <paramref name="traced"/> (a same-day tracing round).
    /// </summary>
    public List<ActionRequest> Evaluate(SimulationState state, int day, List<TracedEvent> traced, bool allTriggers)
    {
        _runCount = 0;
        for (var r = 0; r < _policy.Rules.Length; r++)
        {
            var trigger = _policy.Rules[r].Trigger;
            if (allTriggers && trigger == RuleTrigger.FeverReport)
            {
                EvaluateEvents(state, day, r, EventSource.FeverReports, state.FeverReports.Count, traced);
            }
            else if (allTriggers && trigger == RuleTrigger.TestResult)
            {
                EvaluateEvents(state, day, r, EventSource.TestResults, state.TestResults.Count, traced);
            }
            else if (trigger is RuleTrigger.Traced or RuleTrigger.Notified)
            {
                // Under data.contacts: device the tracer's events are notifications; the validator allows only one of the two triggers.
                EvaluateEvents(state, day, r, EventSource.Traces, traced.Count, traced);
            }
            else if (allTriggers && trigger == RuleTrigger.VenueExposure)
            {
                EvaluateEvents(state, day, r, EventSource.VenueExposures, state.VenueExposures.Count, traced);
            }
        }
        if (allTriggers && _scopedRules.Length > 0)
        {
            var body = new AgentChunkBody { Evaluator = this, State = state, Day = day };
            RunChunks(state, (state.Agents.Size + AgentChunk - 1) / AgentChunk, ref body);
        }
        return Merge();
    }

    private void EvaluateEvents(SimulationState state, int day, int rule, EventSource source, int count, List<TracedEvent> traced)
    {
        if (count == 0)
        {
            return;
        }
        var body = new EventChunkBody { Evaluator = this, State = state, Day = day, Rule = rule, Source = source, Traced = traced };
        RunChunks(state, (count + EventChunk - 1) / EventChunk, ref body);
    }

    private struct EventChunkBody : IChunkBody
    {
        public RuleEvaluator Evaluator;
        public SimulationState State;
        public int Day;
        public int Rule;
        public EventSource Source;
        public List<TracedEvent> Traced;

        public readonly void Run(int chunk) => Evaluator.EvaluateEventChunk(chunk, this);
    }

    private struct AgentChunkBody : IChunkBody
    {
        public RuleEvaluator Evaluator;
        public SimulationState State;
        public int Day;

        public readonly void Run(int chunk) => Evaluator.EvaluateAgentChunk(chunk, State, Day);
    }

    /// <summary>Runs chunk bodies (in parallel when there are several) and appends their outputs, in chunk order, as one run.</summary>
    private void RunChunks<TBody>(SimulationState state, int chunks, ref TBody body) where TBody : struct, IChunkBody
    {
        while (_chunkOutputs.Count < chunks)
        {
            _chunkOutputs.Add([]);
        }
        ChunkedLoop.Run(chunks, state.Parallel, ref body);
        if (_runs.Count <= _runCount)
        {
            _runs.Add([]);
        }
        var run = _runs[_runCount++];
        run.Clear();
        for (var c = 0; c < chunks; c++)
        {
            run.AddRange(_chunkOutputs[c]);
        }
    }

    private void EvaluateEventChunk(int chunk, in EventChunkBody job)
    {
        var state = job.State;
        var output = _chunkOutputs[chunk];
        output.Clear();
        var rule = _policy.Rules[job.Rule];
        var count = job.Source switch
        {
            EventSource.FeverReports => state.FeverReports.Count,
            EventSource.TestResults => state.TestResults.Count,
            EventSource.VenueExposures => state.VenueExposures.Count,
            _ => job.Traced.Count,
        };
        var end = Math.Min(count, (chunk + 1) * EventChunk);
        // One facts value for the chunk: each event writes its payload and the facts the rule reads.
        var facts = Blank(state, job.Day);
        for (var k = chunk * EventChunk; k < end; k++)
        {
            int agent;
            Payload payload = default;
            switch (job.Source)
            {
                case EventSource.FeverReports:
                    agent = state.FeverReports[k];
                    break;
                case EventSource.TestResults:
                    var result = state.TestResults[k];
                    agent = result.Agent;
                    payload = new Payload { TestPositive = result.Positive };
                    break;
                case EventSource.VenueExposures:
                    var exposure = state.VenueExposures[k];
                    agent = exposure.Target;
                    payload = new Payload { VenueKind = exposure.Kind, ExposureDaysAgo = exposure.DaysAgo };
                    break;
                default:
                    var e = job.Traced[k];
                    agent = e.Target;
                    payload = new Payload { TracedLayer = ContactLayers.Names[(int)e.Layer], TracedDaysAgo = e.DaysAgo, TraceDepth = e.Depth, NotifiedDaysAgo = e.DaysAgo };
                    break;
            }
            var agents = state.Agents;
            if (agents.Stage[agent] == DiseaseStage.Dead || !rule.AppliesTo(agents.Colour[agent]))
            {
                continue;
            }
            SetPayload(ref facts, payload);
            Fill(ref facts, state, agent, job.Day, rule.FactsRead);
            if (rule.Matches(ref facts))
            {
                output.Add(new ActionRequest(agent, job.Rule, payload.TraceDepth));
            }
        }
    }

    /// <summary>
    /// All checkin and daily rules for one chunk of people, in (person, rule) order. Only people holding a colour some
    /// such rule names can match: blocks of 32 people are tested at once on the colour column and only those people
    /// are looked at, so a day with few flagged people costs a pass over one byte per person.
    /// </summary>
    private void EvaluateAgentChunk(int chunk, SimulationState state, int day)
    {
        var agents = state.Agents;
        var output = _chunkOutputs[chunk];
        output.Clear();
        var start = chunk * AgentChunk;
        var end = Math.Min(agents.Size, (chunk + 1) * AgentChunk);
        // One facts value for the chunk: each rule fills in the facts it reads, for the person at hand.
        var facts = Blank(state, day);
        var i = start;
        if (Vector256.IsHardwareAccelerated)
        {
            ReadOnlySpan<byte> colour = agents.Colour;
            for (; i + 32 <= end; i += 32)
            {
                var block = Vector256.Create(colour[i..]);
                var scoped = Vector256<byte>.Zero;
                foreach (var c in _scopedColourList)
                {
                    scoped |= Vector256.Equals(block, Vector256.Create(c));
                }
                for (var lanes = scoped.ExtractMostSignificantBits(); lanes != 0; lanes &= lanes - 1)
                {
                    EvaluateAgent(state, i + BitOperations.TrailingZeroCount(lanes), day, ref facts, output);
                }
            }
        }
        for (; i < end; i++)
        {
            if ((_scopedColours & (1UL << agents.Colour[i])) != 0)
            {
                EvaluateAgent(state, i, day, ref facts, output);
            }
        }
    }

    /// <summary>The checkin and daily rules for one person holding a colour one of them names.</summary>
    private void EvaluateAgent(SimulationState state, int agent, int day, ref PersonFacts facts, List<ActionRequest> output)
    {
        var agents = state.Agents;
        if (agents.Stage[agent] == DiseaseStage.Dead)
        {
            return;
        }
        var colour = agents.Colour[agent];
        foreach (var r in _scopedRules)
        {
            var rule = _policy.Rules[r];
            if (!rule.AppliesTo(colour) || (rule.Trigger == RuleTrigger.Checkin && agents.CheckInDay[agent] != day))
            {
                continue;
            }
            Fill(ref facts, state, agent, day, rule.FactsRead);
            if (rule.Matches(ref facts))
            {
                output.Add(new ActionRequest(agent, r, 0));
            }
        }
    }

    /// <summary>
    /// Merges the runs (each sorted by person, then rule) into one list sorted by (person, rule); on equal keys the
    /// earlier run first. The run with the smallest head is copied on until it passes the next smallest head.
    /// </summary>
    private List<ActionRequest> Merge()
    {
        _merged.Clear();
        if (_runCount == 0)
        {
            return _merged;
        }
        Span<int> head = stackalloc int[_runCount];
        Span<long> key = stackalloc long[_runCount];
        var total = 0;
        for (var r = 0; r < _runCount; r++)
        {
            head[r] = 0;
            key[r] = KeyAt(_runs[r], 0);
            total += _runs[r].Count;
        }
        _merged.EnsureCapacity(total);
        while (true)
        {
            var best = 0;
            for (var r = 1; r < _runCount; r++)
            {
                if (key[r] < key[best])
                {
                    best = r;
                }
            }
            if (key[best] == long.MaxValue)
            {
                return _merged;
            }
            var next = -1;
            for (var r = 0; r < _runCount; r++)
            {
                if (r != best && (next < 0 || key[r] < key[next]))
                {
                    next = r;
                }
            }
            var limit = next < 0 ? long.MaxValue : key[next];
            ReadOnlySpan<ActionRequest> run = CollectionsMarshal.AsSpan(_runs[best]);
            var k = head[best];
            // Equal keys go to the earlier run: the best run passes the next one's head only if it comes first.
            while (k < run.Length && (Key(run[k]) < limit || (Key(run[k]) == limit && best < next)))
            {
                k++;
            }
            _merged.AddRange(run[head[best]..k]);
            head[best] = k;
            key[best] = KeyAt(_runs[best], k);
        }
    }

    /// <summary>(person, rule) as one number ordered the same way (both are non-negative).</summary>
    private static long Key(in ActionRequest request) => ((long)request.Agent << 32) | (uint)request.Rule;

    private static long KeyAt(List<ActionRequest> run, int index) => index < run.Count ? Key(run[index]) : long.MaxValue;

    /// <summary>The facts of <paramref name="agent"/> a rule reads, for a trigger without a payload (the travel part's departure rules).</summary>
    public PersonFacts FactsAt(SimulationState state, int agent, int day, ulong read) => FactsOf(state, agent, day, default, read);

    /// <summary>The facts the rule reads (bits of <see cref="CompiledRule.FactsRead"/>); the others are left empty.</summary>
    private PersonFacts FactsOf(SimulationState state, int agent, int day, Payload payload, ulong read)
    {
        var facts = Blank(state, day);
        SetPayload(ref facts, payload);
        Fill(ref facts, state, agent, day, read);
        return facts;
    }

    /// <summary>The trigger's payload facts (empty values for a trigger without one).</summary>
    private static void SetPayload(ref PersonFacts facts, in Payload payload)
    {
        facts.TestPositive = payload.TestPositive;
        facts.TracedLayer = payload.TracedLayer ?? "";
        facts.TracedDaysAgo = payload.TracedDaysAgo;
        facts.TraceDepth = payload.TraceDepth;
        facts.VenueKind = payload.VenueKind ?? "";
        facts.ExposureDaysAgo = payload.ExposureDaysAgo;
        facts.NotifiedDaysAgo = payload.NotifiedDaysAgo;
    }

    /// <summary>The facts of a day that belong to no person (no payload: the payload facts are empty).</summary>
    private static PersonFacts Blank(SimulationState state, int day) => new()
    {
        Day = day,
        TracedLayer = "",
        VenueKind = "",
        Origin = "",
        Destination = "",
        OriginColour = "",
        Attributes = state.Attributes,
    };

    /// <summary>
    /// Writes <paramref name="agent"/>'s facts that <paramref name="read"/> names (and the person's index and code) into
    /// <paramref name="facts"/>; the others keep whatever they held, which no condition reading only <paramref name="read"/> sees.
    /// </summary>
    private void Fill(ref PersonFacts facts, SimulationState state, int agent, int day, ulong read)
    {
        var a = state.Agents;
        facts.Agent = agent;
        facts.HasCode = state.CodeHolders.Has(agent);
        if ((read & _colourFacts) != 0)
        {
            facts.Colour = _colourNames[a.Colour[agent]];
            facts.DaysInColour = day - a.ColourSinceDay[agent];
        }
        if ((read & _checkInFacts) != 0)
        {
            facts.HealthyStreak = a.HealthyStreak[agent];
            facts.ReportedFever = a.FeverReportDay[agent] == day;
            facts.CheckedIn = a.CheckInDay[agent] == day;
        }
        if ((read & _confinementFacts) != 0)
        {
            var confinement = a.ConfinementOn(agent, day);
            facts.Confinement = ConfinementKinds.Names[(int)confinement];
            facts.ConfinementDays = a.ConfinedDaysOn(agent, day);
        }
        if ((read & _testFacts) != 0)
        {
            facts.LastTest = TestNames[(int)a.LastTest[agent]];
            facts.LastTestAge = a.LastTest[agent] == TestOutcome.None ? RuleFacts.NoTestAge : day - a.LastTestDay[agent];
            facts.TestPending = a.PendingTestResultDay[agent] != AgentState.Never;
        }
        if ((read & _historyFacts) != 0)
        {
            // The run allocates the history whenever a rule reads these facts (SimulationRun).
            var history = state.TestHistory!;
            facts.LastNegativeAge = TestHistory.Age(history.NegativeDay[agent], day);
            facts.LastSampleAge = TestHistory.Age(history.SampleDay[agent], day);
        }
        if ((read & _ageFact) != 0)
        {
            facts.Age = state.World.AgeYears[agent];
        }
        if ((read & _districtFacts) != 0 && state.Districts is { } districts)
        {
            var district = districts.Map.DistrictOf[agent];
            facts.District = district;
            facts.DistrictRiskLevel = districts.Level[district];
            facts.DistrictRisk = districts.LevelNames[districts.Level[district]];
            facts.DistrictCases = districts.CasesInWindow[district];
        }
        if ((read & _heededFact) != 0 && state.Regime is { } regime)
        {
            facts.NotificationHeeded = regime.Heeds(state.Seed, day, agent);
        }
        if ((read & _scoreFact) != 0)
        {
            // Last: the score reads the other facts, which the rule's mask includes (CompiledPolicy).
            facts.Score = _policy.Score!(ref facts);
        }
    }

    private readonly struct Payload
    {
        public bool TestPositive { get; init; }
        public string? TracedLayer { get; init; }
        public int TracedDaysAgo { get; init; }
        public int TraceDepth { get; init; }
        public string? VenueKind { get; init; }
        public int ExposureDaysAgo { get; init; }
        public int NotifiedDaysAgo { get; init; }
    }
}
