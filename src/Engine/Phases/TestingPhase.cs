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
    private readonly struct ByAgent : IComparer<TestResultEvent>
    {
        public int Compare(TestResultEvent x, TestResultEvent y) => x.Agent.CompareTo(y.Agent);
    }

    public string Name => "testing";

    public void Step(SimulationState state, int day)
    {
        state.TestResults.Clear();
        var results = lab.TakeResults(day);
        if (results is null)
        {
            return;
        }
        var agents = state.Agents;
        foreach (var result in results)
        {
            agents.PendingTestResultDay[result.Agent] = AgentState.Never;
            agents.LastTest[result.Agent] = result.Positive ? TestOutcome.Positive : TestOutcome.Negative;
            agents.LastTestDay[result.Agent] = AgentState.Day(day);
            if (!result.Positive && state.TestHistory is { } history)
            {
                history.NegativeDay[result.Agent] = AgentState.Day(day);
            }
            state.TestResults.Add(result);
            state.Today.TestsReported++;
            if (result.Positive)
            {
                CountPositive(state, result);
            }
        }
        // The rules evaluate events in person order (one result per person and day: a second test is never pending).
        // Samples are taken in person order, so the day's results usually are already sorted.
        var delivered = CollectionsMarshal.AsSpan(state.TestResults);
        for (var k = 1; k < delivered.Length; k++)
        {
            if (delivered[k].Agent < delivered[k - 1].Agent)
            {
                delivered.Sort(new ByAgent());
                break;
            }
        }
    }

    private static void CountPositive(SimulationState state, in TestResultEvent result)
    {
        state.Today.PositiveTests++;
        var marks = state.Agents.Marks;
        switch (result.SampledStage)
        {
            case DiseaseStage.Susceptible:
                state.Today.PositiveTestsNeverInfected++;
                marks[result.Agent] |= AgentMarks.PositiveSampledNeverInfected;
                break;
            case DiseaseStage.Recovered:
                state.Today.PositiveTestsRecovered++;
                break;
            default:
                // Samples are never taken from the dead, so every other stage is exposed or infectious.
                state.Today.PositiveTestsInfected++;
                marks[result.Agent] |= AgentMarks.PositiveSampledInfected;
                break;
        }
    }
}
