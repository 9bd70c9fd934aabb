using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Testing;

/// <summary>
/// Who is waiting for a sample, whose results arrive when. Orders queue per kind (first come, first served, in the
/// order the rules placed them); each day at most <c>capacity_per_day</c> samples per kind are taken (all when 0).
/// A sample taken on day d is positive with probability sensitivity (the kind's value on the person's day since infection,
/// see <see cref="TestKind.SensitivityOn"/>) if the person is infected (exposed or infectious) that day, else with
/// probability 1 - specificity (stream <see cref="RngStream.TestResult"/>), and its result arrives
/// on day d + turnaround (at least d + 1: results reach the rules the next day at the earliest).
/// A person with a test waiting or pending gets no second one. The per-day lists of results and retests are reused once
/// taken, so a steady-state day allocates nothing.
/// </summary>
public sealed class TestLab
{
    /// <summary>Marks a person whose order waits for a sample (PendingTestResultDay).</summary>
    public const ushort AwaitingSample = AgentState.Never - 1;

    private readonly TestKind[] _kinds;
    private readonly Queue<Order>[] _waiting;
    private readonly Dictionary<int, List<TestResultEvent>> _resultsByDay = [];
    private readonly TestLabColumns? _columns;
    private readonly Dictionary<int, List<(int Agent, int Kind)>> _retestsByDay = [];
    private readonly List<int> _pool = [];
    private readonly WorkerPool? _workers;
    private readonly Stack<List<TestResultEvent>> _spareResults = new();
    private Order[] _taken = [];
    private Sample[] _samples = [];
    private readonly Stack<List<(int Agent, int Kind)>> _spareRetests = new();
    private int _sampledToday;

    /// <param name="columns">The run's accounting columns, when the scenario has them.</param>
    /// <param name="workers">The run's workers: a day's individual samples are drawn on them (one thread when null).</param>
    public TestLab(IReadOnlyList<TestKind> kinds, TestLabColumns? columns = null, WorkerPool? workers = null)
    {
        _kinds = [.. kinds];
        _waiting = _kinds.Select(_ => new Queue<Order>()).ToArray();
        _columns = columns;
        _workers = workers;
    }

    private readonly record struct Order(int Agent, int Day);

    /// <summary>What drawing one taken order's sample found: not sampled (dead), or its result and the stage sampled.</summary>
    private readonly record struct Sample(bool Taken, bool Positive, DiseaseStage Stage);

    /// <summary>Test kinds from a scenario, ordered by name so indices are stable.</summary>
    public static IReadOnlyList<TestKind> KindsOf(ModelConfig model) =>
        model.Tests.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new TestKind(t.Key, t.Value.Sensitivity, t.Value.Specificity, t.Value.TurnaroundDays, t.Value.CapacityPerDay,
                t.Value.CostPerTest, SensitivityCurves.Of(t.Value.SensitivityCurve, t.Value.SensitivityByDay),
                t.Value.PoolSize, t.Value.PoolDilutionFactor, t.Value.RetestTurnaroundDays))
            .ToArray();

    /// <summary>Whether any order waits for a sample or any result for delivery.</summary>
    public bool HasPending => _resultsByDay.Count > 0 || _retestsByDay.Count > 0 || _waiting.Any(q => q.Count > 0);

    /// <summary>Marks a test as wanted for the person; false when one is already waiting or pending (no second test).</summary>
    public static bool Reserve(AgentState state, int agent)
    {
        if (state.PendingTestResultDay[agent] != AgentState.Never)
        {
            return false;
        }
        state.PendingTestResultDay[agent] = AwaitingSample;
        return true;
    }

    /// <summary>Queues the sample of a person reserved with <see cref="Reserve"/>, ordered on <paramref name="day"/>; orders are served in queue order.</summary>
    public void Enqueue(int agent, int kind, int day) => _waiting[kind].Enqueue(new Order(agent, day));

    /// <summary>
    /// Takes today's samples from the queues, within capacity, after today's individual retests of positive pools;
    /// records the sampling day in <paramref name="history"/> when kept. Returns the number of samples taken (retests
    /// included): each is a record the health code keeps.
    /// </summary>
    public int TakeSamples(AgentState state, int day, ulong seed, TestHistory? history = null)
    {
        _sampledToday = 0;
        if (_retestsByDay.Remove(day, out var retests))
        {
            foreach (var (agent, k) in retests)
            {
                Retest(state, agent, k, day, seed);
            }
            retests.Clear();
            _spareRetests.Push(retests);
        }
        for (var k = 0; k < _kinds.Length; k++)
        {
            var kind = _kinds[k];
            var queue = _waiting[k];
            var budget = kind.CapacityPerDay > 0 ? kind.CapacityPerDay : int.MaxValue;
            if (kind.PoolSize <= 1)
            {
                TakeIndividualSamples(state, k, day, seed, history, Math.Min(budget, queue.Count));
                continue;
            }
            _pool.Clear();
            while (budget-- > 0 && queue.Count > 0)
            {
                var (agent, orderDay) = queue.Dequeue();
                if (state.Stage[agent] == DiseaseStage.Dead)
                {
                    state.PendingTestResultDay[agent] = AgentState.Never;
                    continue;
                }
                if (history is not null)
                {
                    history.SampleDay[agent] = AgentState.Day(day);
                }
                CountSample(k, day, day - orderDay);
                _pool.Add(agent);
                if (_pool.Count == kind.PoolSize)
                {
                    RunPool(state, k, day, seed);
                }
            }
            if (_pool.Count > 0)
            {
                RunPool(state, k, day, seed);
            }
        }
        if (_columns is { } columns)
        {
            var waiting = 0;
            foreach (var queue in _waiting)
            {
                waiting += queue.Count;
            }
            columns.Waiting[day] = waiting;
        }
        return _sampledToday;
    }

    /// <summary>
    /// Takes the first <paramref name="taken"/> orders of kind <paramref name="k"/>, one tube each: the samples are drawn
    /// in parallel chunks (each writes only its own person: a person has at most one order), then counted and reported
    /// in queue order, exactly as one pass would.
    /// </summary>
    private void TakeIndividualSamples(AgentState state, int k, int day, ulong seed, TestHistory? history, int taken)
    {
        if (taken == 0)
        {
            return;
        }
        if (_taken.Length < taken)
        {
            _taken = new Order[Math.Max(taken, _taken.Length * 2)];
            _samples = new Sample[_taken.Length];
        }
        var queue = _waiting[k];
        for (var i = 0; i < taken; i++)
        {
            _taken[i] = queue.Dequeue();
        }
        var kind = _kinds[k];
        var resultDay = day + Math.Max(1, kind.TurnaroundDays);
        var draw = new DrawSamples { Lab = this, State = state, Kind = k, Day = day, Seed = seed, History = history, ResultDay = resultDay, Taken = taken };
        var chunks = (taken + SampleChunk - 1) / SampleChunk;
        if (_workers is null)
        {
            for (var c = 0; c < chunks; c++)
            {
                draw.Run(c);
            }
        }
        else
        {
            ChunkedLoop.Run(chunks, _workers, ref draw);
        }
        List<TestResultEvent>? results = null;
        for (var i = 0; i < taken; i++)
        {
            var sample = _samples[i];
            if (!sample.Taken)
            {
                continue;
            }
            CountSample(k, day, day - _taken[i].Day);
            CountTube(k, day);
            results ??= ResultsFor(resultDay);
            results.Add(new TestResultEvent(_taken[i].Agent, sample.Positive, sample.Stage));
        }
    }

    private const int SampleChunk = 2048;

    private struct DrawSamples : IChunkBody
    {
        public TestLab Lab;
        public AgentState State;
        public int Kind;
        public int Day;
        public ulong Seed;
        public TestHistory? History;
        public int ResultDay;
        public int Taken;

        public readonly void Run(int chunk)
        {
            var kind = Lab._kinds[Kind];
            var end = Math.Min(Taken, (chunk + 1) * SampleChunk);
            for (var i = chunk * SampleChunk; i < end; i++)
            {
                var agent = Lab._taken[i].Agent;
                if (State.Stage[agent] == DiseaseStage.Dead)
                {
                    State.PendingTestResultDay[agent] = AgentState.Never;
                    Lab._samples[i] = default;
                    continue;
                }
                if (History is not null)
                {
                    History.SampleDay[agent] = AgentState.Day(Day);
                }
                var u = CounterRng.Uniform(Seed, RngStream.TestResult, Day, agent, Kind);
                var positive = IsPositive(State, agent, kind, Day, u, 1.0);
                State.PendingTestResultDay[agent] = AgentState.Day(ResultDay);
                Lab._samples[i] = new Sample(true, positive, State.Stage[agent]);
            }
        }
    }

    /// <summary>
    /// One tube for the samples in <see cref="_pool"/>: positive when any member's sample would be (an infected member's
    /// with the sensitivity times the dilution factor, an uninfected one's with 1 - specificity; the same draws as
    /// unpooled samples, stream TestResult). A negative tube is every member's negative result; a positive one sends each
    /// member to an individual retest on the day the tube's result is known.
    /// </summary>
    private void RunPool(AgentState state, int k, int day, ulong seed)
    {
        var kind = _kinds[k];
        CountTube(k, day);
        var positive = false;
        foreach (var agent in _pool)
        {
            var u = CounterRng.Uniform(seed, RngStream.TestResult, day, agent, k);
            positive |= IsPositive(state, agent, kind, day, u, kind.PoolDilutionFactor);
        }
        var resultDay = day + Math.Max(1, kind.TurnaroundDays);
        foreach (var agent in _pool)
        {
            if (positive)
            {
                // Still pending (the tube's result is not a personal result) until the retest is sampled.
                state.PendingTestResultDay[agent] = AgentState.Day(resultDay);
                if (!_retestsByDay.TryGetValue(resultDay, out var list))
                {
                    list = _spareRetests.Count > 0 ? _spareRetests.Pop() : [];
                    _retestsByDay[resultDay] = list;
                }
                list.Add((agent, k));
            }
            else
            {
                Report(state, agent, false, resultDay);
            }
        }
        _pool.Clear();
    }

    /// <summary>The individual retest of a positive pool's member: a new sample today, full sensitivity, its own turnaround (stream PoolRetest).</summary>
    private void Retest(AgentState state, int agent, int k, int day, ulong seed)
    {
        if (state.Stage[agent] == DiseaseStage.Dead)
        {
            state.PendingTestResultDay[agent] = AgentState.Never;
            return;
        }
        var kind = _kinds[k];
        CountSample(k, day, 0);
        CountTube(k, day);
        var u = CounterRng.Uniform(seed, RngStream.PoolRetest, day, agent, k);
        var positive = IsPositive(state, agent, kind, day, u, 1.0);
        Report(state, agent, positive, day + Math.Max(1, kind.RetestTurnaroundDays));
    }

    /// <summary>
    /// Whether a sample taken on <paramref name="day"/> reads positive for uniform draw <paramref name="u"/>: for an
    /// infected person with the sensitivity on their day since infection (times <paramref name="sensitivityFactor"/>,
    /// a pool's dilution), for anyone else with 1 - specificity.
    /// </summary>
    private static bool IsPositive(AgentState state, int agent, TestKind kind, int day, double u, double sensitivityFactor) =>
        DiseaseStages.IsInfected(state.Stage[agent])
            ? u < kind.SensitivityOn(day - state.InfectedDay[agent]) * sensitivityFactor
            : u >= kind.Specificity;

    private void Report(AgentState state, int agent, bool positive, int resultDay)
    {
        state.PendingTestResultDay[agent] = AgentState.Day(resultDay);
        ResultsFor(resultDay).Add(new TestResultEvent(agent, positive, state.Stage[agent]));
    }

    /// <summary>The list of results arriving on <paramref name="resultDay"/> (a recycled one when a new day starts).</summary>
    private List<TestResultEvent> ResultsFor(int resultDay)
    {
        if (!_resultsByDay.TryGetValue(resultDay, out var list))
        {
            list = _spareResults.Count > 0 ? _spareResults.Pop() : [];
            _resultsByDay[resultDay] = list;
        }
        return list;
    }

    private void CountSample(int kind, int day, int waited)
    {
        _sampledToday++;
        if (_columns is not { } columns)
        {
            return;
        }
        columns.Samples[day]++;
        columns.SamplesByKind[kind][day]++;
        columns.WaitDays[day] += waited;
        columns.WaitMaxDays[day] = Math.Max(columns.WaitMaxDays[day], waited);
    }

    private void CountTube(int kind, int day)
    {
        if (_columns is not { } columns)
        {
            return;
        }
        columns.Tubes[day]++;
        columns.TubesByKind[kind][day]++;
        columns.Cost[day] += _kinds[kind].CostPerTest;
    }

    /// <summary>Removes and returns the results arriving on <paramref name="day"/>, in sampling order.</summary>
    public List<TestResultEvent>? TakeResults(int day) =>
        _resultsByDay.Remove(day, out var list) ? list : null;

    /// <summary>Hands back a list from <see cref="TakeResults"/> once read, so a steady-state day allocates none.</summary>
    public void Recycle(List<TestResultEvent> results)
    {
        results.Clear();
        _spareResults.Push(results);
    }
}
