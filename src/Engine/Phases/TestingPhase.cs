using System.Runtime.InteropServices;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;

namespace Hcsim.Engine.Phases;

/// <summary>Delivers the test results due today: records them on the person and lists them for the test_result rules.</summary>
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
            state.TestResults.Add(result);
            state.Today.TestsReported++;
            if (result.Positive)
            {
                state.Today.PositiveTests++;
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
}
