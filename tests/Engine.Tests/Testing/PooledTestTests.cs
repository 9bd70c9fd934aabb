using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Testing;

namespace Hcsim.Engine.Tests.Testing;

/// <summary>Pooled PCR: k samples a tube, individual retests of positive tubes, dilution.</summary>
public sealed class PooledTestTests
{
    private static (AgentState Agents, TestLab Lab, TestLabColumns Columns) Lab(int people, int poolSize, double dilution = 1)
    {
        var agents = new AgentState(people);
        var kind = new TestKind("pcr", Sensitivity: 1, Specificity: 1, TurnaroundDays: 1, CapacityPerDay: 0,
            CostPerTest: 10, PoolSize: poolSize, PoolDilutionFactor: dilution, RetestTurnaroundDays: 1);
        var columns = TestLabColumns.AddTo(new DailyMetrics(5, ["green"]), [kind]);
        var lab = new TestLab([kind], columns);
        for (var i = 0; i < people; i++)
        {
            TestLab.Reserve(agents, i);
            lab.Enqueue(i, 0, 0);
        }
        return (agents, lab, columns);
    }

    [Fact]
    public void TakeSamples_PrevalenceZeroPoolsOfTen_UsesATenthOfTheTubes()
    {
        var (agents, lab, columns) = Lab(95, 10);
        lab.TakeSamples(agents, 0, 3);
        lab.TakeSamples(agents, 1, 3);
        var results = lab.TakeResults(1)!;

        Assert.True(columns.Samples[0] == 95 && columns.Tubes[0] == 10, $"95 samples in 10 tubes (the last holds 5), got {columns.Samples[0]} samples, {columns.Tubes[0]} tubes");
        Assert.True(columns.Tubes[1] == 0, "no tube is positive, so no retest");
        Assert.True(results.Count == 95 && results.All(r => !r.Positive), "everyone gets a negative result after the turnaround");
        Assert.True(columns.Cost[0] == 100, "cost is per tube");
    }

    [Fact]
    public void TakeSamples_OneInfectedInAPool_RetestFindsThemAndClearsTheOthers()
    {
        var (agents, lab, columns) = Lab(20, 10);
        agents.Stage[13] = DiseaseStage.Exposed;
        agents.InfectedDay[13] = 0;
        lab.TakeSamples(agents, 0, 3);
        var first = lab.TakeResults(1)!;
        Assert.True(first.Count == 10 && first.All(r => !r.Positive && r.Agent < 10), "the first tube (0..9) is negative: its members' results arrive on day 1");
        Assert.True(agents.PendingTestResultDay[13] != AgentState.Never, "a positive tube's members still wait for a result");

        lab.TakeSamples(agents, 1, 3);
        var retests = lab.TakeResults(2)!;

        Assert.True(columns.Tubes[0] == 2 && columns.Tubes[1] == 10, $"2 tubes, then 10 individual retests, got {columns.Tubes[0]} and {columns.Tubes[1]}");
        Assert.True(retests.Count == 10 && retests.Single(r => r.Positive).Agent == 13, "the retest finds the infected member and only them");
        Assert.True(columns.Samples[1] == 10, "each retest is a new sample");
    }

    [Fact]
    public void TakeSamples_DilutionFactorZero_PoolMissesTheInfectedMember()
    {
        var (agents, lab, columns) = Lab(10, 10, dilution: 0);
        agents.Stage[4] = DiseaseStage.Exposed;
        agents.InfectedDay[4] = 0;
        lab.TakeSamples(agents, 0, 3);

        Assert.True(lab.TakeResults(1)!.All(r => !r.Positive), "a fully diluted infected sample leaves the tube negative");
        Assert.True(columns.Tubes[1] == 0, "no retest follows a negative tube");
    }
}
