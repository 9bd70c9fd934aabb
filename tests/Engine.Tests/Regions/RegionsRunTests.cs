using System.Threading.Channels;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Regions;

public class RegionsRunTests
{
    private const string Regions = """

        regions:
          east:
            population.size: 3000
            disease.initial_infected: 12
          west:
            population.size: 2000
            disease.initial_infected: 4
            checkin.probability: 0.5
        """;

    private static readonly string[] Small = ["days=40", "replicates=2"];

    private static Scenario MultiRegion(params string[] overrides) =>
        ScenarioLoader.Load(DefaultScenario.Text + Regions, "regions.yaml", [.. Small, .. overrides]);

    internal static async Task<List<RunResult>> RunAll(Scenario scenario, int threads)
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

    internal static void AssertSameRun(RunResult expected, RunResult actual, string what)
    {
        var columnsA = expected.Daily.Columns();
        var columnsB = actual.Daily.Columns();
        Assert.Equal(columnsA.Select(c => c.Name), columnsB.Select(c => c.Name));
        for (var c = 0; c < columnsA.Count; c++)
        {
            Assert.True(columnsA[c].Values.SequenceEqual(columnsB[c].Values), $"{what}: column {columnsA[c].Name} should be identical");
        }
        Assert.Equal(expected.Summary with { Region = actual.Region }, actual.Summary);
    }

    [Fact]
    public void Load_Regions_EachRegionIsTheFileSettingsWithItsOverrides()
    {
        var scenario = MultiRegion();
        var baseline = scenario.Variants[0];

        Assert.Equal(["east", "west"], baseline.Regions.Select(r => r.Name));
        Assert.Equal(3000, baseline.Regions[0].Model.Population.Size);
        Assert.Equal(0.5, baseline.Regions[1].Model.Checkin.Probability);
        Assert.Equal(baseline.Model.Checkin.Probability, baseline.Regions[0].Model.Checkin.Probability);
        Assert.All(scenario.Variants, v => Assert.Equal(2, v.Regions.Length));
    }

    [Fact]
    public void Load_VariantOverrides_ApplyToEveryRegionAfterTheRegionsOwn()
    {
        var text = DefaultScenario.Text.Replace("variants:", "variants:\n  - name: lower_beta\n    set:\n      layers.community.beta: 0.001\n      regions.west.population.size: 1500\n", StringComparison.Ordinal) + Regions;
        var scenario = ScenarioLoader.Load(text, "regions.yaml", Small);
        var variant = scenario.Variants.Single(v => v.Name == "lower_beta");

        Assert.All(variant.Regions, r => Assert.Equal(0.001, r.Model.Layers.Community.Beta));
        Assert.Equal(3000, variant.Regions[0].Model.Population.Size);
        Assert.Equal(1500, variant.Regions[1].Model.Population.Size);
    }

    [Theory]
    [InlineData("    days: 10\n", "regions.east.days")]
    [InlineData("    policy.colours: [green, red]\n", "policy.colours")]
    [InlineData("    population.sise: 10\n", "regions.east.population.sise")]
    public void Load_RegionSettingNotAllowed_IsAnErrorNamingIt(string setting, string path)
    {
        var text = DefaultScenario.Text + "\nregions:\n  east:\n" + setting + "  west:\n    population.size: 100\n";

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(text, "regions.yaml", Small));

        Assert.Contains(error.Errors, e => e.SettingPath == path && e.Line > 0);
    }

    [Fact]
    public async Task Run_NoTravel_EachRegionEqualsItsRegionRunAlone()
    {
        var multi = await RunAll(MultiRegion(), 2);
        var east = await RunAll(ScenarioLoader.LoadDefault([.. Small, "population.size=3000", "disease.initial_infected=12"]), 2);
        var west = await RunAll(ScenarioLoader.LoadDefault([.. Small, "population.size=2000", "disease.initial_infected=4", "checkin.probability=0.5"]), 2);

        Assert.Equal(east.Count, multi.Count);
        for (var i = 0; i < multi.Count; i++)
        {
            var regions = multi[i].AllRegions.ToList();
            Assert.Equal(["east", "west"], regions.Select(r => r.Region));
            AssertSameRun(east[i], regions[0], $"east {multi[i].Variant}/{multi[i].Replicate}");
            AssertSameRun(west[i], regions[1], $"west {multi[i].Variant}/{multi[i].Replicate}");
            Assert.Equal("west", regions[1].Summary.Region);
        }
        Assert.True(multi.Sum(r => r.OtherRegions[0].Summary.TotalInfections) > 0, "the west region should have an epidemic to compare");
    }

    [Fact]
    public async Task Run_RegionsOneThreadOrThree_ProduceIdenticalResults()
    {
        var scenario = MultiRegion();
        var one = await RunAll(scenario, 1);
        var three = await RunAll(scenario, 3);

        for (var i = 0; i < one.Count; i++)
        {
            foreach (var (a, b) in one[i].AllRegions.Zip(three[i].AllRegions))
            {
                AssertSameRun(a, b, $"{a.Variant}/{a.Replicate} region {a.Region}");
            }
        }
    }
}
