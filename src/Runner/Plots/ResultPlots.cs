using Hcsim.Runner.Output;
using ScottPlot;

namespace Hcsim.Runner.Plots;

/// <summary>Draws the PNG plots of a run folder from the per-variant daily means.</summary>
public static class ResultPlots
{
    public const string EpidemicFile = "plots/epidemic.png";
    public const string QuarantineFile = "plots/quarantine.png";

    public static string ColoursFile(string variant) => $"plots/colours-{SafeFileName(variant)}.png";

    public static void WriteEpidemic(string path, IReadOnlyList<VariantDailyMeans> variants)
    {
        var plot = PlotStyle.Create("Infected people (exposed + infectious), mean over replicates", "day", "people");
        foreach (var v in variants)
        {
            AddLine(plot, v, v.MeanInfected());
        }
        FitCounts(plot, variants);
        Save(plot, path);
    }

    public static void WriteQuarantine(string path, IReadOnlyList<VariantDailyMeans> variants)
    {
        var plot = PlotStyle.Create("Quarantined people (home + central), mean over replicates", "day", "people");
        foreach (var v in variants)
        {
            AddLine(plot, v, v.MeanQuarantined());
        }
        FitCounts(plot, variants);
        Save(plot, path);
    }

    /// <summary>Stacked areas of code-colour shares, the first colour at the bottom.</summary>
    public static void WriteColourShares(string path, VariantDailyMeans variant)
    {
        var plot = PlotStyle.Create($"Health-code colours, variant {variant.Variant}, mean over replicates", "day", "people (% of living)");
        var days = Days(variant.Days);
        var lower = new double[variant.Days];
        for (var c = 0; c < variant.Colours.Length; c++)
        {
            var share = variant.MeanColourShare(c);
            var upper = new double[variant.Days];
            for (var d = 0; d < variant.Days; d++)
            {
                upper[d] = lower[d] + 100 * share[d];
            }
            var fill = plot.Add.FillY(days, lower, upper);
            var colour = PlotStyle.ForCode(variant.Colours[c], c, variant.Colours.Length);
            fill.FillStyle.Color = colour.WithAlpha(0.85);
            fill.LineStyle.Color = colour;
            fill.LegendText = variant.Colours[c];
            lower = upper;
        }
        plot.Axes.SetLimits(0, Math.Max(1, variant.Days - 1), 0, 100);
        Save(plot, path);
    }

    private static void AddLine(Plot plot, VariantDailyMeans variant, double[] values)
    {
        var line = plot.Add.ScatterLine(Days(variant.Days), values);
        line.Color = PlotStyle.ForVariant(variant.VariantIndex);
        line.LineWidth = 2;
        line.LegendText = variant.Variant;
    }

    /// <summary>Counts start at zero and days at day 0: auto-scaling margins would suggest negative people and days.</summary>
    private static void FitCounts(Plot plot, IReadOnlyList<VariantDailyMeans> variants)
    {
        plot.Axes.AutoScale();
        var top = plot.Axes.GetLimits().Top;
        var lastDay = variants.Count == 0 ? 1 : Math.Max(1, variants.Max(v => v.Days) - 1);
        plot.Axes.SetLimits(0, lastDay, 0, Math.Max(1, 1.05 * top));
    }

    private static void Save(Plot plot, string path)
    {
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, PlotStyle.Width, PlotStyle.Height);
    }

    private static double[] Days(int count)
    {
        var days = new double[count];
        for (var d = 0; d < count; d++)
        {
            days[d] = d;
        }
        return days;
    }

    /// <summary>Variant names become file names; keep letters, digits, '-', '_' and '.', replace the rest.</summary>
    public static string SafeFileName(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] is not ('-' or '_' or '.'))
            {
                chars[i] = '_';
            }
        }
        return new string(chars);
    }
}
