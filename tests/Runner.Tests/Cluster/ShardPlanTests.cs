using Hcsim.Engine.Scenarios;
using Hcsim.Runner.Cluster;

namespace Hcsim.Runner.Tests.Cluster;

public sealed class ShardPlanTests
{
    /// <summary>Costs per run: baseline 1000 x 10, big 8000 x 10, long 1000 x 40 person-days; 3 replicates each.</summary>
    private const string UnevenScenario = """
        name: plan-test
        replicates: 3
        days: 10
        population: {size: 1000}
        variants:
          - name: big
            set: {population.size: 8000}
          - name: long
            set: {days: 40}
        """;

    private static Scenario Uneven() => ScenarioLoader.Load(UnevenScenario, "plan-test.yaml", []);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(20)]
    public void RunsOf_AnyCount_GivesEveryRunToExactlyOneShard(int count)
    {
        var scenario = Uneven();
        var plan = ShardPlan.For(scenario, count);

        var all = Enumerable.Range(0, count).SelectMany(plan.RunsOf).ToList();

        Assert.True(all.Count == 9 && all.Distinct().Count() == 9, $"the {count} shards should hold the 9 runs once each, got {all.Count}");
        foreach (var shard in Enumerable.Range(0, count))
        {
            Assert.True(plan.RunsOf(shard).All(run => plan.ShardOf(run.Variant, run.Replicate) == shard), "RunsOf and ShardOf should agree");
            Assert.True(plan.RunsNotIn(shard).Count == 9 - plan.RunsOf(shard).Count, "the skip set should be every other run");
        }
    }

    [Fact]
    public void For_UnevenVariants_BalancesCostAndSpreadsTheExpensiveRuns()
    {
        var scenario = Uneven();
        var plan = ShardPlan.For(scenario, 3);

        Assert.True(plan.Costs.Distinct().Count() == 1, $"each shard should cost 130000 person-days, got [{string.Join(", ", plan.Costs)}]");
        foreach (var shard in Enumerable.Range(0, 3))
        {
            Assert.True(plan.RunsOf(shard).Count(r => r.Variant == 1) == 1, $"shard {shard} should get exactly one run of the big variant");
        }
    }

    [Fact]
    public void For_SameScenarioTwice_GivesTheSamePlan()
    {
        var first = ShardPlan.For(Uneven(), 4);
        var second = ShardPlan.For(Uneven(), 4);

        foreach (var shard in Enumerable.Range(0, 4))
        {
            Assert.True(first.RunsOf(shard).SequenceEqual(second.RunsOf(shard)), "the plan should be a pure function of scenario and count");
        }
    }

    [Fact]
    public void FolderName_RoundTrips_AndTemporaryFoldersAreNotShards()
    {
        var shard = new ShardSpec(3, 8);

        Assert.Equal("shard-0003-of-0008", shard.FolderName);
        Assert.Equal(shard, ShardSpec.FromFolderName(shard.FolderName));
        Assert.True(ShardSpec.FromFolderName("shard-0003-of-0008.tmp-abc123") is null, "a temporary folder should not count as a shard");
        Assert.True(ShardSpec.FromFolderName("shard-0008-of-0008") is null, "an index at or above the count should not count as a shard");
    }

    [Fact]
    public void Ranges_SortedIndexes_AreWrittenAsSlurmArrayRanges()
    {
        Assert.Equal("0-3,5,7-8", ShardFolders.Ranges([8, 0, 1, 2, 3, 5, 7]));
    }

    [Fact]
    public void For_IdenticalSweepPoints_PutsEachRunInTheShardOfItsTwin()
    {
        var scenario = ScenarioLoader.Load("""
            name: plan-identical
            replicates: 3
            days: 10
            population: {size: 1000}
            policy:
              params: {use_fever: 1, red_days: 14}
              rules:
                - {name: fever, on: fever_report, enabled: use_fever, do: [{set_colour: red}, {isolate: home, days: red_days}]}
                - {name: checkin, on: checkin, colours: [red], do: [{isolate: home, days: 1}]}
            sweep:
              policy.params.use_fever: [0, 1]
              policy.params.red_days: [7, 14]
            """, "plan-identical.yaml", []);
        var names = scenario.Variants.Select(v => v.Name).ToList();
        Assert.True(scenario.IdenticalSweepPoints.Length > 0, "the scenario should have identical sweep points");

        var plan = ShardPlan.For(scenario, 4);

        foreach (var identical in scenario.IdenticalSweepPoints)
        {
            for (var r = 0; r < scenario.Replicates; r++)
            {
                Assert.True(plan.ShardOf(names.IndexOf(identical.Variant), r) == plan.ShardOf(names.IndexOf(identical.SameAs), r),
                    $"replicate {r} of {identical.Variant} should be in the shard of {identical.SameAs}'s replicate {r}, which it copies");
            }
        }
        Assert.True(plan.Costs.Sum() == (names.Count - scenario.IdenticalSweepPoints.Length) * scenario.Replicates * 10_000L,
            "only the runs that are simulated should count in the shards' costs");
    }
}
