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
    public void Save_AnyPlot_WritesThePixelsOfScottPlotsOwnPngWithTheFasterEncoding()
    {
        var plot = PlotStyle.Create("people per day", "day", "people");
        var line = plot.Add.ScatterLine(Enumerable.Range(0, 50).Select(d => (double)d).ToArray(), Enumerable.Range(0, 50).Select(d => Math.Sin(d / 5.0) * 100).ToArray());
        line.LegendText = "a variant";
        plot.ShowLegend(ScottPlot.Edge.Right);
        var path = PathIn(_temp.Path, "saved", "plot.png");

        PlotStyle.Save(plot, path);

        using var own = plot.GetImage(PlotStyle.Width, PlotStyle.Height);
        using var expected = SkiaSharp.SKBitmap.Decode(own.GetImageBytes());
        var written = File.ReadAllBytes(path);
        using var actual = SkiaSharp.SKBitmap.Decode(written);
        Assert.True(actual.Width == PlotStyle.Width && actual.Height == PlotStyle.Height, $"the PNG should be {PlotStyle.Width} x {PlotStyle.Height}, got {actual.Width} x {actual.Height}");
        Assert.True(actual.GetPixelSpan().SequenceEqual(expected.GetPixelSpan()), "the PNG should hold exactly the pixels of ScottPlot's own PNG of the same plot");
        Assert.False(own.GetImageBytes().AsSpan().SequenceEqual(written), "the PNG should be encoded with PlotStyle.PngOptions, not ScottPlot's slower default");
        Assert.True(File.Exists(PlotStyle.SvgPath(path)), "the SVG twin should be written beside the PNG");
    }

    [Fact]
    public async Task WriteAll_SweepScenario_WritesEveryPlotAsARealPicture()
    {
        var scenario = SweepScenario();
        var folder = await ResultsFolders.WriteAsync(_temp.Path, "sweep", scenario);

        var data = await ResultsData.ReadAsync(folder, ResultsMetadata.From(scenario), withDaily: true, CancellationToken.None);
        var plots = ResultPlots.WriteAll(data, relative => PathIn(_temp.Path, "redrawn", relative));

        string[] expected = [ResultPlots.TradeOffFile, ResultPlots.DataCollectedFile, ResultPlots.HeatmapFile, ResultPlots.EpidemicFile, ResultPlots.EpidemicPoliciesFile, ResultPlots.QuarantineFile, ResultPlots.FalsePositiveFile,
            .. ForestPlot.MetricsToDraw(data).Select(ForestPlot.FileOf)];
        // The reference here is the counterfactual, which flags nobody: its false-positive share is undefined, so that one has no plot.
        Assert.True(ForestPlot.MetricsToDraw(data).SequenceEqual(ForestPlot.Metrics.Select(m => m.Metric).Where(m => m != "false_positive_share")),
            $"every headline metric with a defined paired difference should get a forest plot, got {string.Join(", ", ForestPlot.MetricsToDraw(data))}");
        Assert.All(expected, file => Assert.Contains(file, plots.Select(p => p.Path)));
        // Variant 0 of the synthetic runs flags nobody, so it has no zoom on flagged colours.
        Assert.True(plots.Count == expected.Length + 2 * scenario.Variants.Length - 1,
            "a colour plot per variant and a zoom on the flagged colours of each variant that flags anyone, besides the shared plots");
        Assert.DoesNotContain(ResultPlots.FlaggedColoursFile(scenario.Variants[0].Name), plots.Select(p => p.Path));
        foreach (var plot in plots)
        {
            var bytes = File.ReadAllBytes(Path.Combine(_temp.Path, "redrawn", plot.Path));
            // A 1200x700 PNG with axes, text and data is tens of kilobytes; an empty or textless one is far smaller.
            Assert.True(bytes.Length > 10_000, $"{plot.Path} should be a real picture, is {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            Assert.False(string.IsNullOrWhiteSpace(plot.Caption), $"{plot.Path} needs a caption for the report");
        }
        var pngs = Directory.GetFiles(Path.Combine(_temp.Path, "redrawn", "plots"), "*.png");
        Assert.True(pngs.Length == plots.Count, $"every plot should be one PNG, found {pngs.Length} for {plots.Count} plots");
        foreach (var png in pngs)
        {
            var svg = Path.ChangeExtension(png, ".svg");
            Assert.True(File.Exists(svg), $"{Path.GetFileName(png)} should have an SVG twin");
            var text = File.ReadAllText(svg);
            Assert.True(text.Contains("<svg", StringComparison.Ordinal) && text.Contains("width=\"1200\"", StringComparison.Ordinal) && text.Length > 10_000,
                $"{Path.GetFileName(svg)} should be a real 1200-wide SVG picture");
        }
    }

    [Fact]
    public void ForVariant_AnyIndex_NeverUsesACodeLikeColour()
    {
        for (var i = 0; i < 3 * PlotStyle.VariantColours.Length; i++)
        {
            var colour = PlotStyle.ForVariant(i);
            var (hue, saturation) = HueAndSaturation(colour.R, colour.G, colour.B);
            // Red, orange, yellow and green occupy hues from about 340 degrees round through 0 to about 160; greys have no hue.
            var codeLike = saturation > 0.15 && (hue < 160 || hue > 340);
            Assert.False(codeLike, $"variant colour {i} ({colour.ToHex()}, hue {hue:F0}, saturation {saturation:F2}) should not look like a code colour");
        }
    }

    [Theory]
    [InlineData(65.2, 83.4, 60, 90)]
    [InlineData(0, 100, 0, 105)]
    [InlineData(97, 99, 90, 105)]
    [InlineData(1, 3, 0, 10)]
    public void ShareAxis_DataRange_FitsTheDataWithMargin(double min, double max, double bottom, double top)
    {
        var axis = ResultPlots.ShareAxis(min, max);

        Assert.True(axis == (bottom, top), $"shares from {min} to {max} % should get the axis {bottom}-{top}, got {axis}");
    }

    private static (double Hue, double Saturation) HueAndSaturation(byte r, byte g, byte b)
    {
        double R = r / 255.0, G = g / 255.0, B = b / 255.0;
        var max = Math.Max(R, Math.Max(G, B));
        var min = Math.Min(R, Math.Min(G, B));
        var delta = max - min;
        var saturation = max == 0 ? 0 : delta / max;
        if (delta == 0)
        {
            return (0, 0);
        }
        var hue = max == R ? 60 * ((G - B) / delta % 6) : max == G ? 60 * ((B - R) / delta + 2) : 60 * ((R - G) / delta + 4);
        return (hue < 0 ? hue + 360 : hue, saturation);
    }

    [Fact]
    public void ParetoEfficient_DominatedPoint_IsNotMarked()
    {
        // (cost, benefit): the second point costs more and gains less than the first; the third costs more but gains more.
        var efficient = ResultPlots.ParetoEfficient([(10, 100), (20, 90), (30, 120), (10, 100)]);

        Assert.Equal([true, false, true, true], efficient);
    }

    [Fact]
    public async Task ForestPlotWrite_SweepScenario_ShowsEveryVariantButTheReferenceAndTheCounterfactual()
    {
        var scenario = SweepScenario();
        var folder = await ResultsFolders.WriteAsync(_temp.Path, "forest", scenario);
        var data = await ResultsData.ReadAsync(folder, ResultsMetadata.From(scenario), withDaily: false, CancellationToken.None);

        var rows = ForestPlot.Rows(data);
        var plot = ForestPlot.Write(PathIn(_temp.Path, "forest-plots", ForestPlot.FileOf("attack_rate")), data, "attack_rate");

        Assert.True(rows.SequenceEqual(scenario.Variants.Skip(1).Select(v => v.Name)),
            $"the rows should be the variants in scenario order without the reference (the first variant, here also the counterfactual), got {string.Join(", ", rows)}");
        Assert.True(plot.Path == "plots/forest-attack_rate.png", $"the forest plot of attack_rate should be plots/forest-attack_rate.png, got {plot.Path}");
        Assert.True(plot.Caption.Contains("95 % paired t interval", StringComparison.Ordinal) && plot.Caption.Contains("percentage points", StringComparison.Ordinal),
            $"the caption should say the intervals are paired and shares are in percentage points: {plot.Caption}");
        var png = Path.Combine(_temp.Path, "forest-plots", plot.Path);
        Assert.True(new FileInfo(png).Length > 10_000, "the forest plot should be a real picture");
        Assert.True(File.Exists(Path.ChangeExtension(png, ".svg")), "the forest plot should have an SVG twin");
    }

    [Fact]
    public void OverlapsOf_CoincidentAndNearbyPoints_NamesThePointUnderneath()
    {
        // Axis ranges 1000 x 100: a marker's width is about 25 and 2.5 in data units.
        var under = ResultPlots.OverlapsOf([(0, 0), (0, 0), (10, 1), (500, 50), (900, 90), (505, 90)], 1000, 100);

        Assert.True(under.SequenceEqual(new int?[] { null, 0, 0, null, null, null }),
            $"a point at the same spot or within a marker's width of an earlier one should name it, others none; got [{string.Join(", ", under)}]");
    }

    [Fact]
    public async Task WriteTradeOff_VariantsWithIdenticalResults_CaptionNamesTheOverlapAndPairedWhiskers()
    {
        var basic = SyntheticRuns.Scenario(variants: 3, replicates: 3, days: 10);
        var folder = await ResultsFolders.WriteAsync(_temp.Path, "overlap", basic);
        var data = await ResultsData.ReadAsync(folder, ResultsMetadata.From(basic), withDaily: false, CancellationToken.None);
        var twin = basic.Variants[2].Name;
        // The third variant gets the second's statistics, as an identical sweep point would (the first is the counterfactual, not drawn).
        var copy = data.Statistics.Where(s => s.Variant == basic.Variants[1].Name).Select(s => s with { Variant = twin });
        data = data with { Statistics = [.. data.Statistics.Where(s => s.Variant != twin), .. copy] };

        var plot = ResultPlots.WriteTradeOff(PathIn(_temp.Path, "overlap-plots", ResultPlots.TradeOffFile), data);

        Assert.True(plot.Caption.Contains($"`{basic.Variants[1].Name}` with `{twin}`", StringComparison.Ordinal),
            $"the caption should name {twin}, drawn on top of {basic.Variants[1].Name}: {plot.Caption}");
        Assert.True(plot.Caption.Contains("paired intervals of each variant's difference from the reference", StringComparison.Ordinal),
            $"the caption should say the whiskers are paired intervals against the reference: {plot.Caption}");
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
