using System.Runtime.InteropServices;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;

namespace Hcsim.Engine.Phases;

/// <summary>
/// Delivers the test results due today: records them on the person and lists them for the test_result rules. Positive
/// results are also counted by the person's stage on the sampling day (a true detection when infected, a false one when
/// never infected or recovered) and marked on the person for the run's detection metrics.
/// </summary>
public sealed class TestingPhase(TestLab lab) : IDayPhase
{
    private const int ChunkSize = 2048;

    // Per chunk: results, positives, and positives by the sampled stage (never infected, recovered, infected).
    private const int Reported = 0;
    private const int Positive = 1;
    private const int PositiveNeverInfected = 2;
    private const int PositiveRecovered = 3;
    private const int PositiveInfected = 4;
    private const int Counters = 5;

    private int[] _counts = [];

    public string Name => "testing";

    public void Step(SimulationState state, int day)
    {
        state.TestResults.Clear();
        var results = lab.TakeResults(day);
        if (results is null)
        {
            return;
        }
        // A person has at most one result a day (a second test is never pending), so each result writes only its own
        // person and chunks of the list deliver in parallel; the counts are summed in chunk order.
        var chunks = (results.Count + ChunkSize - 1) / ChunkSize;
        if (_counts.Length < chunks * Counters)
        {
            _counts = new int[Math.Max(chunks, _counts.Length / Counters * 2) * Counters];
        }
        var deliver = new DeliverChunk { State = state, Day = day, Results = results, Counts = _counts };
        ChunkedLoop.Run(chunks, state.Parallel, ref deliver);
        state.TestResults.AddRange(results);
        lab.Recycle(results);
        var today = state.Today;
        for (var c = 0; c < chunks; c++)
        {
            var counts = _counts.AsSpan(c * Counters, Counters);
            today.TestsReported += counts[Reported];
            today.PositiveTests += counts[Positive];
            today.PositiveTestsNeverInfected += counts[PositiveNeverInfected];
            today.PositiveTestsRecovered += counts[PositiveRecovered];
            today.PositiveTestsInfected += counts[PositiveInfected];
        }
        // The rules evaluate events in person order (one result per person and day: a second test is never pending).
        // Samples are taken in person order, so the day's results usually are already sorted.
        var delivered = CollectionsMarshal.AsSpan(state.TestResults);
        for (var k = 1; k < delivered.Length; k++)
        {
            if (delivered[k].Agent < delivered[k - 1].Agent)
            {
                delivered.Sort(static (x, y) => x.Agent.CompareTo(y.Agent));
                break;
            }
        }
    }

    private struct DeliverChunk : IChunkBody
    {
        public SimulationState State;
        public int Day;
        public List<TestResultEvent> Results;
        public int[] Counts;

        public readonly void Run(int chunk)
        {
            var agents = State.Agents;
            var history = State.TestHistory;
            var results = CollectionsMarshal.AsSpan(Results);
            var start = chunk * ChunkSize;
            var end = Math.Min(results.Length, start + ChunkSize);
            var counts = Counts.AsSpan(chunk * Counters, Counters);
            counts.Clear();
            counts[Reported] = end - start;
            for (var k = start; k < end; k++)
            {
                ref readonly var result = ref results[k];
                agents.PendingTestResultDay[result.Agent] = AgentState.Never;
                agents.LastTest[result.Agent] = result.Positive ? TestOutcome.Positive : TestOutcome.Negative;
                agents.LastTestDay[result.Agent] = AgentState.Day(Day);
                if (!result.Positive && history is not null)
                {
                    history.NegativeDay[result.Agent] = AgentState.Day(Day);
                }
                if (result.Positive)
                {
                    CountPositive(agents.Marks, result, counts);
                }
            }
        }
    }

    private static void CountPositive(AgentMarks[] marks, in TestResultEvent result, Span<int> counts)
    {
        counts[Positive]++;
        switch (result.SampledStage)
        {
            case DiseaseStage.Susceptible:
                counts[PositiveNeverInfected]++;
                marks[result.Agent] |= AgentMarks.PositiveSampledNeverInfected;
                break;
            case DiseaseStage.Recovered:
                counts[PositiveRecovered]++;
                break;
            default:
                // Samples are never taken from the dead, so every other stage is exposed or infectious.
                counts[PositiveInfected]++;
                marks[result.Agent] |= AgentMarks.PositiveSampledInfected;
                break;
        }
    }
}
