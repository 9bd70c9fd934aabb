using System.Collections.Immutable;
using Hcsim.Engine.Scenarios;
using Hcsim.Runner.Output;
using Hcsim.Runner.Plots;
using Hcsim.Runner.Tests.Output;

namespace Hcsim.Runner.Tests.Plots;

public sealed class ResultPlotsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void FontsDefault_OnThisMachine_IsNotEmpty()
    {
        // Without any installed font ScottPlot writes PNGs silently without text; this catches a machine with no fonts.
        Assert.False(string.IsNullOrWhiteSpace(ScottPlot.Fonts.Default), "ScottPlot should find a default font (install fonts-dejavu-core)");
    }

    [Fact]
    public async Task WriteAll_SweepScenario_WritesEveryPlotAsARealPicture()
    {
        var scenario = SweepScenario();
        var folder = await ResultsFolders.WriteAsync(_temp.Path, "sweep", scenario);

        var data = await ResultsData.ReadAsync(folder, ResultsMetadata.From(scenario), withDaily: true, CancellationToken.None);
        var plots = ResultPlots.WriteAll(data, relative => PathIn(_temp.Path, "redrawn", relative));

        string[] expected = [ResultPlots.TradeOffFile, ResultPlots.DataCollectedFile, ResultPlots.HeatmapFile, ResultPlots.EpidemicFile, ResultPlots.EpidemicPoliciesFile, ResultPlots.QuarantineFile, ResultPlots.FalsePositiveFile];
        Assert.All(expected, file => Assert.Contains(file, plots.Select(p => p.Path)));
        Assert.True(plots.Count == expected.Length + scenario.Variants.Length, "one colour plot per variant besides the shared plots");
        foreach (var plot in plots)
        {
            var bytes = File.ReadAllBytes(Path.Combine(_temp.Path, "redrawn", plot.Path));
            // A 1200x700 PNG with axes, text and data is tens of kilobytes; an empty or textless one is far smaller.
            Assert.True(bytes.Length > 10_000, $"{plot.Path} should be a real picture, is {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            Assert.False(string.IsNullOrWhiteSpace(plot.Caption), $"{plot.Path} needs a caption for the report");
        }
    }

    [Fact]
    public void ParetoEfficient_DominatedPoint_IsNotMarked()
    {
        // (cost, benefit): the second point costs more and gains less than the first; the third costs more but gains more.
        var efficient = ResultPlots.ParetoEfficient([(10, 100), (20, 90), (30, 120), (10, 100)]);

        Assert.Equal([true, false, true, true], efficient);
    }

    [Fact]
    public void SafeFileName_NameWithSpacesAndSlashes_KeepsOnlySafeCharacters()
    {
        Assert.Equal("venue_scan_a_b-2.1", ResultPlots.SafeFileName("venue scan/a:b-2.1"));
    }

    /// <summary>A baseline, the counterfactual and a 2 x 2 grid, with the metadata a loader would give them.</summary>
    internal static Scenario SweepScenario()
    {
        var basic = SyntheticRuns.Scenario(variants: 2, replicates: 3, days: 30);
        ImmutableArray<SweepAxis> axes =
        [
            new() { Path = "policy.params.yellow_days", Label = "yellow_days", Values = ["3", "7"] },
            new() { Path = "checkin.probability", Label = "probability", Values = ["0.6", "0.9"] },
        ];
        var points = from y in axes[0].Values
                     from p in axes[1].Values
                     select new ScenarioVariant
                     {
                         Name = $"yellow_days-{y}--probability-{p}",
                         Model = new ModelConfig { Days = 30 },
                         Sweep = [new() { Path = axes[0].Path, Label = "yellow_days", Value = y }, new() { Path = axes[1].Path, Label = "probability", Value = p }],
                     };
        return basic with { Variants = [.. basic.Variants, .. points], SweepAxes = axes };
    }

    private static string PathIn(string root, string folder, string relative)
    {
        var path = Path.Combine(root, folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
