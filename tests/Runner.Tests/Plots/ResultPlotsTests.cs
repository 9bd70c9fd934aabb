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
    public void WriteEpidemic_TwoVariants_WritesNonTrivialPng()
    {
        var means = Means(SyntheticRuns.Scenario(variants: 2, replicates: 2, days: 40));
        var path = Path.Combine(_temp.Path, "epidemic.png");

        ResultPlots.WriteEpidemic(path, means);

        var bytes = File.ReadAllBytes(path);
        // A 1200x700 PNG with axes, text and two lines is tens of kilobytes; an empty or textless one is far smaller.
        Assert.True(bytes.Length > 10_000, $"epidemic.png should be a real picture, is {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }

    [Fact]
    public void WriteColourShares_OneVariant_WritesNonTrivialPng()
    {
        var means = Means(SyntheticRuns.Scenario(variants: 2, replicates: 2, days: 40));
        var path = Path.Combine(_temp.Path, "colours.png");

        ResultPlots.WriteColourShares(path, means[1]);

        Assert.True(new FileInfo(path).Length > 10_000, "colours.png should be a real picture");
    }

    [Fact]
    public void SafeFileName_NameWithSpacesAndSlashes_KeepsOnlySafeCharacters()
    {
        Assert.Equal("venue_scan_a_b-2.1", ResultPlots.SafeFileName("venue scan/a:b-2.1"));
    }

    private static List<VariantDailyMeans> Means(Hcsim.Engine.Scenarios.Scenario scenario)
    {
        var means = scenario.Variants.Select((v, i) => new VariantDailyMeans(v.Name, i, v.Model.Days, SyntheticRuns.Colours)).ToList();
        foreach (var run in SyntheticRuns.All(scenario))
        {
            means[run.VariantIndex].Add(run.Daily);
        }
        return means;
    }
}
