using Hcsim.Engine.Agents;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Districts;

/// <summary>scenarios/districts.yaml loads and its variants do what their names say (on a smaller city, for speed).</summary>
public sealed class DistrictsScenarioTests
{
    private static string ScenarioPath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Simulator.sln")))
        {
            folder = folder.Parent;
        }
        Assert.NotNull(folder);
        return Path.Combine(folder.FullName, "scenarios", "districts.yaml");
    }

    private static int[] Column(RunResult run, string name) => run.Daily.Columns().Single(c => c.Name == name).Values;

    [Fact]
    public void Districts_Variants_TestAndCountAsTheirNamesSay()
    {
        var scenario = ScenarioLoader.LoadFile(ScenarioPath(), ["population.size=20000", "days=60"]);
        var world = WorldBuilder.Build(scenario.Variants[0].Model.Population, scenario.Seed);
        var runs = scenario.Variants.ToDictionary(v => v.Name, v =>
            new SimulationRun(world, v.Model, scenario.Seed, new ParallelOptions { MaxDegreeOfParallelism = 2 }).Run(v.Name, 0, 0));

        Assert.True(runs.Keys.Order().SequenceEqual(["district-codes", "district-codes-untested", "no-codes", "person-codes-only"]), "the four documented variants");
        foreach (var (name, run) in runs)
        {
            for (var day = 0; day < 60; day++)
            {
                var total = Column(run, "districts_low")[day] + Column(run, "districts_medium")[day] + Column(run, "districts_high")[day];
                Assert.True(total == 8, $"{name} day {day}: 20,000 people at 2,500 a district make 8 districts, each at one level; got {total}");
            }
        }
        Assert.True(Column(runs["district-codes"], "tests").Sum() > 5 * Column(runs["person-codes-only"], "tests").Sum(),
            "whole-district testing of medium districts tests far more than person-level codes");
        Assert.True(Column(runs["district-codes-untested"], "tests").Sum() < 2 * Column(runs["person-codes-only"], "tests").Sum(),
            "district codes without area testing test about as much as person-level codes");
        Assert.True(Column(runs["no-codes"], "districts_low").All(n => n == 8), "without codes nobody is tested, so every district stays low");
    }
}
