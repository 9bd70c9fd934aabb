using System.Threading.Channels;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Simulation;

public class PopulationRedrawTests
{
    private const string Yaml = """
        name: redraw
        replicates: 3
        days: 30
        population: {size: 3000, redraw_per_replicate: REDRAW}
        disease: {initial_infected: 10}
        variants:
          - name: same-again
            description: the baseline once more, to show pairing
        """;

    private static Scenario Load(bool redraw) => ScenarioLoader.Load(Yaml.Replace("REDRAW", redraw ? "true" : "false"), "redraw.yaml", []);

    private static async Task<List<RunResult>> RunAll(Scenario scenario)
    {
        var channel = Channel.CreateUnbounded<RunResult>();
        await new ScenarioExecution(scenario, new ExecutionOptions { Threads = 2 }).RunAsync(channel.Writer, null, CancellationToken.None);
        var results = new List<RunResult>();
        await foreach (var result in channel.Reader.ReadAllAsync())
        {
            results.Add(result);
        }
        return [.. results.OrderBy(r => r.VariantIndex).ThenBy(r => r.Replicate)];
    }

    private static string Json(RunSummary summary) => System.Text.Json.JsonSerializer.Serialize(summary);

    [Fact]
    public void Acquire_RedrawOn_ReplicatesDifferInHouseholdsAndVariantsShareOneWorld()
    {
        var population = Load(redraw: true).Variants[0].Model.Population;
        var worlds = new ReplicateWorlds(1, [(population, 0), (population, 0), (population, 1)]);

        var first = worlds.Acquire(population, 0);
        var again = worlds.Acquire(population, 0);
        var second = worlds.Acquire(population, 1);

        Assert.Same(first, again);
        Assert.False(first.HouseholdStart.SequenceEqual(second.HouseholdStart),
            "replicates 0 and 1 should have different household sizes when the population is redrawn per replicate");
        Assert.False(first.AgeYears.SequenceEqual(second.AgeYears), "replicates 0 and 1 should have different ages");
    }

    [Fact]
    public void Acquire_RedrawOff_EveryReplicateSharesTheScenarioSeedWorld()
    {
        var population = Load(redraw: false).Variants[0].Model.Population;
        var worlds = new ReplicateWorlds(1, [(population, 0), (population, 1)]);

        Assert.Same(worlds.Acquire(population, 0), worlds.Acquire(population, 1));
        Assert.Equal(1UL, ReplicateWorlds.WorldSeed(1, population, 5));
    }

    [Fact]
    public void Release_LastRunOfAReplicate_LetsItsWorldGo()
    {
        var population = Load(redraw: true).Variants[0].Model.Population;
        var worlds = new ReplicateWorlds(1, [(population, 0), (population, 0), (population, 1)]);
        worlds.Acquire(population, 0);
        worlds.Release(population, 0);
        Assert.Equal(1, worlds.Held);

        worlds.Release(population, 0);
        Assert.Equal(0, worlds.Held);
        worlds.Acquire(population, 1);
        Assert.Equal(1, worlds.Held);
    }

    [Fact]
    public async Task RunAsync_RedrawOn_IdenticalVariantsStayPairedAndResultsChange()
    {
        var redrawn = await RunAll(Load(redraw: true));
        var shared = await RunAll(Load(redraw: false));

        for (var r = 0; r < 3; r++)
        {
            Assert.True(Json(redrawn[r].Summary with { Variant = "" }) == Json(redrawn[3 + r].Summary with { Variant = "" }),
                $"replicate {r}: two identical variants should give identical results with a redrawn population (pairing holds)");
        }
        Assert.True(Enumerable.Range(0, 3).Any(r => Json(redrawn[r].Summary) != Json(shared[r].Summary)),
            "a population redrawn per replicate should change some replicate's results");
    }

    [Fact]
    public void MemoryEstimate_RedrawOn_CountsOneWorldPerRunInFlightPlusOne()
    {
        var shared = MemoryEstimate.For(Load(redraw: false), 2).WorldBytes;
        var redrawn = MemoryEstimate.For(Load(redraw: true), 2).WorldBytes;

        Assert.True(redrawn == 3 * shared,
            $"with 2 runs at once and 3 replicates, a redrawn population should be counted 3 times (2 in flight + 1 being handed out): {redrawn} vs {shared}");
    }
}
