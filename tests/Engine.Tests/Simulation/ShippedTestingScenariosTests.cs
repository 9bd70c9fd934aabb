using Hcsim.Engine.Agents;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Simulation;

/// <summary>The shipped scenarios of issue 11 show what they were written to show.</summary>
public sealed class ShippedTestingScenariosTests
{
    private static string ScenarioPath(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Simulator.sln")))
        {
            folder = folder.Parent;
        }
        Assert.NotNull(folder);
        return Path.Combine(folder.FullName, "scenarios", name);
    }

    private static Dictionary<string, RunResult> RunVariants(string file, params string[] overrides)
    {
        var scenario = ScenarioLoader.LoadFile(ScenarioPath(file), overrides);
        var world = WorldBuilder.Build(scenario.Variants[0].Model.Population, scenario.Seed);
        return scenario.Variants.ToDictionary(v => v.Name, v =>
            new SimulationRun(world, v.Model, scenario.Seed, new ParallelOptions { MaxDegreeOfParallelism = 2 }).Run(v.Name, 0, 0));
    }

    private static int[] Column(RunResult run, string name) => run.Daily.Columns().Single(c => c.Name == name).Values;

    [Fact]
    public void MassTesting_Variants_TestAsTheirNamesSay()
    {
        var runs = RunVariants("mass-testing.yaml", "days=45");

        Assert.True(Column(runs["baseline"], "imported_infections").Sum() > 5, "infections keep arriving from outside");
        Assert.True(Column(runs["baseline"], "mass_tests_ordered").Sum() == 0, "no mass testing in the baseline");
        var rolling = runs["rolling-mass-testing"];
        Assert.True(Column(rolling, "mass_tests_ordered").Sum() > 100_000, "rolling rounds test most of 20,000 people every 3 days");
        Assert.True(Column(rolling, "tubes").Sum() * 5 < Column(rolling, "samples").Sum(), "pools of 10 at low prevalence: far fewer tubes than samples");
        var negative = runs["negative-72h"];
        Assert.True(Column(negative, "sample_wait_max_days").Max() > 0, "the 72-hour requirement overruns the lab of 3,000 samples a day: samples wait");
        Assert.True(Column(negative, "test_cost").Sum() > Column(runs["baseline"], "test_cost").Sum(), "the requirement costs more tests");
    }

    [Fact]
    public void Capacity_FiniteBedsAndTracers_OverflowAndBacklog()
    {
        var runs = RunVariants("capacity.yaml", "days=40");

        var finite = runs["baseline"];
        Assert.True(finite.Daily.QuarantinedCentral.Max() <= 150, "never more people centrally isolated than the 150 beds");
        Assert.True(Column(finite, "central_overflow").Sum() > 0, "the fast epidemic overruns the beds");
        Assert.True(Column(finite, "trace_backlog").Max() > 0, "and the tracers");
        Assert.True(Column(runs["wait-for-beds"], "central_overflow").Sum() > 0, "people wait for beds in the wait variant");
        Assert.True(Column(runs["unlimited"], "central_overflow").Sum() == 0 && Column(runs["unlimited"], "trace_backlog").Max() == 0,
            "unlimited beds and tracers never overflow");
        Assert.True(runs["unlimited"].Summary.TotalInfections < finite.Summary.TotalInfections, "running out of capacity costs infections");
    }
}
