using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Testing;

/// <summary>
/// Who is waiting for a sample, whose results arrive when. Orders queue per kind (first come, first served, in the
/// order the rules placed them); each day at most <c>capacity_per_day</c> samples per kind are taken (all when 0).
/// A sample taken on day d is positive with probability sensitivity if the person is infected (exposed or infectious)
/// that day, else with probability 1 - specificity (stream <see cref="RngStream.TestResult"/>), and its result arrives
/// on day d + turnaround (at least d + 1: results reach the rules the next day at the earliest).
/// A person with a test waiting or pending gets no second one.
/// </summary>
public sealed class TestLab
{
    /// <summary>Marks a person whose order waits for a sample (PendingTestResultDay).</summary>
    public const ushort AwaitingSample = AgentState.Never - 1;

    private readonly TestKind[] _kinds;
    private readonly Queue<int>[] _waiting;
    private readonly Dictionary<int, List<TestResultEvent>> _resultsByDay = [];

    public TestLab(IReadOnlyList<TestKind> kinds)
    {
        _kinds = [.. kinds];
        _waiting = _kinds.Select(_ => new Queue<int>()).ToArray();
    }

    /// <summary>Test kinds from a scenario, ordered by name so indices are stable.</summary>
    public static IReadOnlyList<TestKind> KindsOf(ModelConfig model) =>
        model.Tests.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new TestKind(t.Key, t.Value.Sensitivity, t.Value.Specificity, t.Value.TurnaroundDays, t.Value.CapacityPerDay))
            .ToArray();

    /// <summary>Whether any order waits for a sample or any result for delivery.</summary>
    public bool HasPending => _resultsByDay.Count > 0 || _waiting.Any(q => q.Count > 0);

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

    /// <summary>Queues the sample of a person reserved with <see cref="Reserve"/>; orders are served in queue order.</summary>
    public void Enqueue(int agent, int kind) => _waiting[kind].Enqueue(agent);

    /// <summary>Takes today's samples from the queues, within capacity; returns the number of samples taken.</summary>
    public int TakeSamples(AgentState state, int day, ulong seed)
    {
        var taken = 0;
        for (var k = 0; k < _kinds.Length; k++)
        {
            var kind = _kinds[k];
            var queue = _waiting[k];
            var budget = kind.CapacityPerDay > 0 ? kind.CapacityPerDay : int.MaxValue;
            while (budget-- > 0 && queue.Count > 0)
            {
                var agent = queue.Dequeue();
                if (state.Stage[agent] == DiseaseStage.Dead)
                {
                    state.PendingTestResultDay[agent] = AgentState.Never;
                    continue;
                }
                var u = CounterRng.Uniform(seed, RngStream.TestResult, day, agent, k);
                var positive = DiseaseStages.IsInfected(state.Stage[agent]) ? u < kind.Sensitivity : u >= kind.Specificity;
                var resultDay = day + Math.Max(1, kind.TurnaroundDays);
                state.PendingTestResultDay[agent] = AgentState.Day(resultDay);
                if (!_resultsByDay.TryGetValue(resultDay, out var list))
                {
                    list = [];
                    _resultsByDay[resultDay] = list;
                }
                list.Add(new TestResultEvent(agent, positive, state.Stage[agent]));
                taken++;
            }
        }
        return taken;
    }

    /// <summary>Removes and returns the results arriving on <paramref name="day"/>, in sampling order.</summary>
    public List<TestResultEvent>? TakeResults(int day) =>
        _resultsByDay.Remove(day, out var list) ? list : null;
}
