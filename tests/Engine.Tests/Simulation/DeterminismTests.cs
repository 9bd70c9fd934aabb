using System.Threading.Channels;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Simulation;

public class DeterminismTests
{
    private static Scenario SmallDefault() =>
        ScenarioLoader.LoadDefault(["population.size=30000", "days=50", "replicates=2", "disease.initial_infected=30"]);

    private static async Task<List<RunResult>> RunAll(Scenario scenario, int threads)
    {
        var channel = Channel.CreateUnbounded<RunResult>();
        await new ScenarioExecution(scenario, new ExecutionOptions { Threads = threads }).RunAsync(channel.Writer, null, CancellationToken.None);
        var results = new List<RunResult>();
        await foreach (var result in channel.Reader.ReadAllAsync())
        {
            results.Add(result);
        }
        return [.. results.OrderBy(r => r.VariantIndex).ThenBy(r => r.Replicate)];
    }

    private static void AssertSameDaily(RunResult a, RunResult b)
    {
        var columnsA = a.Daily.Columns();
        var columnsB = b.Daily.Columns();
        for (var c = 0; c < columnsA.Count; c++)
        {
            Assert.True(columnsA[c].Values.SequenceEqual(columnsB[c].Values),
                $"{a.Variant} replicate {a.Replicate}: column {columnsA[c].Name} should be identical");
        }
        Assert.Equal(a.Summary, b.Summary);
    }

    [Fact]
    public async Task Run_OneThreadAndFourThreads_ProduceIdenticalMetrics()
    {
        var scenario = SmallDefault();
        var one = await RunAll(scenario, 1);
        var four = await RunAll(scenario, 4);

        Assert.Equal(scenario.Variants.Length * 2, one.Count);
        for (var i = 0; i < one.Count; i++)
        {
            AssertSameDaily(one[i], four[i]);
        }
    }

    [Fact]
    public void SimulationRun_PhaseParallelismOneOrThree_ProducesIdenticalMetrics()
    {
        // One run with data-parallel phases (the big-population path), large enough to span several chunks.
        var model = ScenarioLoader.LoadDefault(["population.size=120000", "days=40", "disease.initial_infected=200"]).Variants[1].Model;
        var world = WorldBuilder.Build(model.Population, 3);
        var a = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("v", 0, 0);
        var b = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 3 }).Run("v", 0, 0);

        Assert.True(a.Summary.TotalInfections > 1000, "the epidemic should be large enough to exercise parallel transmission");
        AssertSameDaily(a, b);
    }

    [Fact]
    public void Run_SameSeed_ProducesIdenticalMetrics_AndOtherSeedDiffers()
    {
        var model = ScenarioLoader.LoadDefault(["population.size=20000", "days=60"]).Variants[0].Model;
        var world = WorldBuilder.Build(model.Population, 3);
        RunResult Once(ulong seed) => new SimulationRun(world, model, seed, new ParallelOptions { MaxDegreeOfParallelism = 2 }).Run("v", 0, 0);

        AssertSameDaily(Once(5), Once(5));
        Assert.False(Once(5).Daily.ColourCounts[2].SequenceEqual(Once(6).Daily.ColourCounts[2]), "another seed should give another epidemic");
    }

    [Fact]
    public void WorldBuilder_SameSeed_BuildsTheSameWorld()
    {
        var config = new PopulationConfig { Size = 5000 };
        var a = WorldBuilder.Build(config, 9);
        var b = WorldBuilder.Build(config, 9);
        Assert.Equal(a.AgeYears, b.AgeYears);
        Assert.Equal(a.HouseholdStart, b.HouseholdStart);
        Assert.Equal(a.Work.Members, b.Work.Members);
        Assert.Equal(a.Community.RingRemoved, b.Community.RingRemoved);
        Assert.Equal(a.Community.ExtraNeighbours, b.Community.ExtraNeighbours);
    }
}
