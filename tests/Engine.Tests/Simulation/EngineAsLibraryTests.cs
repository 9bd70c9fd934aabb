using System.Collections.Immutable;
using System.Threading.Channels;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Simulation;

/// <summary>A program or notebook can use the Engine alone: build a scenario in code, run it, read the results.</summary>
public class EngineAsLibraryTests
{
    [Fact]
    public async Task ScenarioExecution_ScenarioBuiltInCode_ReturnsEveryRunWithPairedInfectionsAverted()
    {
        var policy = new PolicyConfig
        {
            Params = ImmutableDictionary<string, double>.Empty.Add("red_days", 14),
            Rules =
            [
                new RuleConfig { Name = "fever", On = "fever_report", Do = [new() { SetColour = "red" }, new() { Isolate = "central" }] },
                new RuleConfig { Name = "release", On = "checkin", Colours = ["red"], When = "healthy_streak >= red_days", Do = [new() { Release = "" }] },
            ],
        };
        var model = new ModelConfig { Days = 40, Population = new PopulationConfig { Size = 5000 }, Policy = policy };
        var scenario = new Scenario
        {
            Name = "library",
            Replicates = 2,
            Counterfactual = "none",
            Variants =
            [
                new ScenarioVariant { Name = "fever-isolation", Model = model },
                new ScenarioVariant { Name = "none", Model = model with { Policy = policy with { Enabled = false } } },
            ],
        };

        var channel = Channel.CreateUnbounded<RunResult>();
        await new ScenarioExecution(scenario, new ExecutionOptions { Threads = 2 }).RunAsync(channel.Writer, null, CancellationToken.None);
        var results = new List<RunResult>();
        await foreach (var r in channel.Reader.ReadAllAsync())
        {
            results.Add(r);
        }
        var summaries = InfectionsAverted.Fill([.. results.Select(r => r.Summary)], scenario.Counterfactual);

        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.Equal(40, r.Daily.Days));
        foreach (var s in summaries)
        {
            var counterfactual = summaries.Single(c => c.Variant == "none" && c.Replicate == s.Replicate);
            Assert.True(s.InfectionsAverted == counterfactual.TotalInfections - s.TotalInfections,
                "infections averted should pair runs of the same replicate");
        }
        Assert.True(results.Where(r => r.Variant == "fever-isolation").All(r => r.Summary.FlaggedPersonDays > 0),
            "background fevers should flag someone under the fever rule");
    }
}
