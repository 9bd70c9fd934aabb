using Hcsim.Engine.Agents;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.People;

/// <summary>The shipped scenarios of issue 10 items 3-4 load, import their files and show what they were written to show.</summary>
public sealed class ShippedPeopleScenariosTests
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

    [Fact]
    public void EdgeList_ShippedFiles_ImportedWholeAndThreadCountIndependent()
    {
        var scenario = ScenarioLoader.LoadFile(ScenarioPath("edge-list.yaml"), ["days=30"]);
        var population = scenario.Variants[0].Model.Population;
        var world = WorldBuilder.Build(population, scenario.Seed);
        var edges = File.ReadLines(population.Community.FromFile).Count() - 1;
        var people = File.ReadLines(population.FromFile).Count() - 1;
        Assert.True(world.Size == people, $"the world should have the people table's {people} rows, got {world.Size}");
        Assert.True(world.Community.ExtraNeighbours.Length == 2 * edges, $"every one of the {edges} edges should be in the graph at both ends");
        Assert.True(world.Table!.District is { } district && district.Max() > 0, "the people table's districts should be read");
        Assert.True(world.Community.Weights!.Contains(0.5f), "cross-district edges should carry their weight 0.5");

        // The codes keep this small epidemic down; without them it shows the network at work.
        var model = scenario.Variants.Single(v => v.Name == "no-codes").Model;
        var one = new SimulationRun(world, model, 9, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("a", 0, 0);
        var two = new SimulationRun(world, model, 9, new ParallelOptions { MaxDegreeOfParallelism = 2 }).Run("a", 0, 0);
        Assert.True(one.Daily.NewInfections.Sum() > 50, $"the imported network should carry an epidemic without codes, got {one.Daily.NewInfections.Sum()} infections");
        Assert.True(one.Daily.NewInfections.SequenceEqual(two.Daily.NewInfections) && one.Daily.Flagged.SequenceEqual(two.Daily.Flagged),
            "an imported weighted network should give the same epidemic with 1 thread or 2");
        var smokers = world.Table.Columns["smoker"].Count(v => v == 1);
        Assert.True(one.Daily.PartColumns.Single(c => c.Name == "people_with_attribute").Values[0] == smokers,
            $"the smoker attribute should come from the table's column ({smokers} smokers)");
    }

    [Fact]
    public void HealthScore_ScoreRule_FlagsSmokersMoreThanTheRulesAlone()
    {
        var scenario = ScenarioLoader.LoadFile(ScenarioPath("health-score.yaml"), ["days=10", "population.size=20000"]);
        var world = WorldBuilder.Build(scenario.Variants[0].Model.Population, scenario.Seed);
        long Total(string variant, string name)
        {
            var model = scenario.Variants.Single(v => v.Name == variant).Model;
            var run = new SimulationRun(world, model, 9, new ParallelOptions { MaxDegreeOfParallelism = 2 }).Run(variant, 0, 0);
            return (long)run.Summary.PartTotals.Single(t => t.Name == name).Value!.Value;
        }
        var withScore = Total("baseline", "flagged_person_days_with_attribute");
        var rulesAlone = Total("rules-2020", "flagged_person_days_with_attribute");
        Assert.True(withScore > 10 * Math.Max(1, rulesAlone), $"the score should flag smokers far more than the 2020 rules alone ({withScore} against {rulesAlone} person-days)");
    }
}
