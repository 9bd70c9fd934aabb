using System.Globalization;
using Hcsim.Runner.Output;
using ScottPlot;

namespace Hcsim.Runner.Plots;

/// <summary>
/// Forest plots of the paired differences from the reference, one picture per headline metric
/// (<c>plots/forest-METRIC.png</c>): one row per variant in scenario order, top to bottom, its mean difference from the
/// reference (replicate r against replicate r) with the 95 % paired t interval, the <c>ref_diff_*</c> columns of
/// variants.parquet, and a dashed line at zero. A filled dot marks an interval that excludes zero (a difference larger
/// than the simulation noise), an open one an interval that includes it. The reference itself is the zero line; the
/// counterfactual is left out, because its difference (no codes at all) is so large that it would squeeze every policy's
/// interval into one line (its numbers are in variants.parquet and the report).
/// </summary>
public static class ForestPlot
{
    /// <summary>The headline metrics drawn, with their axis wording; shares are drawn in percentage points.</summary>
    public static IReadOnlyList<(string Metric, string Label, bool Share)> Metrics { get; } =
    [
        ("attack_rate", "attack rate (percentage points)", true),
        ("peak_quarantined", "peak quarantined (people)", false),
        ("never_infected_confined_person_days", "never-infected confinement person-days", false),
        ("recovered_confined_person_days", "recovered confinement person-days", false),
        ("false_positive_share", "false-positive share (percentage points)", true),
        ("missed_person_days", "missed person-days (infectious, free)", false),
    ];

    /// <summary>Rows at which the picture grows taller than the house size, so that variant names never overlap.</summary>
    private const int RowsAtHouseHeight = 18;

    public static string FileOf(string metric) => $"plots/forest-{metric}.png";

    /// <summary>The variants a forest plot shows: all but the reference and the counterfactual, in scenario order.</summary>
    public static IReadOnlyList<string> Rows(ResultsData data) =>
        [.. data.Metadata.VariantNames.Where(v => v != data.Metadata.ReferenceName && v != data.Metadata.Counterfactual)];

    /// <summary>The metrics with at least one variant whose paired difference from the reference is defined.</summary>
    public static IReadOnlyList<string> MetricsToDraw(ResultsData data)
    {
        var rows = Rows(data);
        return [.. Metrics.Select(m => m.Metric)
            .Where(metric => rows.Any(v => VariantStatistics.Find(data.Statistics, v, metric).RefDiffMean is not null))];
    }

    public static PlotFile Write(string path, ResultsData data, string metric)
    {
        var (_, label, share) = Metrics.Single(m => m.Metric == metric);
        var scale = share ? 100.0 : 1.0;
        var reference = data.Metadata.ReferenceName;
        var rows = Rows(data);
        var plot = PlotStyle.Create(
            $"Paired difference from the reference {reference}: {label.Split(" (")[0]} (mean, 95 % paired interval)",
            $"{label}: variant minus {reference}, same replicate",
            "");
        var zero = plot.Add.VerticalLine(0, 1.5f, Colors.Black, LinePattern.Dashed);
        zero.LegendText = $"no difference from {reference}";
        var ticks = new List<Tick>();
        var lows = new List<double> { 0 };
        var highs = new List<double> { 0 };
        var variantIndex = data.Metadata.VariantNames.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
        for (var r = 0; r < rows.Count; r++)
        {
            var y = rows.Count - 1 - r;
            var s = VariantStatistics.Find(data.Statistics, rows[r], metric);
            ticks.Add(new Tick(y, rows[r]));
            if (s.RefDiffMean is not { } mean)
            {
                var missing = plot.Add.Text("n/a", 0, y);
                missing.LabelFontName = PlotStyle.FontName;
                missing.LabelFontSize = 14;
                missing.Alignment = Alignment.MiddleLeft;
                continue;
            }
            var colour = PlotStyle.ForVariant(variantIndex[rows[r]]);
            var m = scale * mean;
            var text = Format(m, share);
            var excludesZero = false;
            if (s.RefDiffLow is { } low && s.RefDiffHigh is { } high)
            {
                var (l, h) = (scale * low, scale * high);
                var bar = plot.Add.ErrorBar([m], [(double)y], [0]);
                bar.YErrorPositive = [0];
                bar.XErrorNegative = [m - l];
                bar.XErrorPositive = [h - m];
                bar.Color = colour;
                bar.LineWidth = 2.5f;
                bar.CapSize = 10;
                lows.Add(l);
                highs.Add(h);
                excludesZero = l > 0 || h < 0;
                text += $"  [{Format(l, share)}, {Format(h, share)}]";
            }
            lows.Add(m);
            highs.Add(m);
            var dot = plot.Add.Marker(m, y, excludesZero ? MarkerShape.FilledCircle : MarkerShape.OpenCircle, 14, colour);
            dot.MarkerLineWidth = 2.5f;
            var value = plot.Add.Text(text, m, y);
            value.LabelFontName = PlotStyle.FontName;
            value.LabelFontSize = 13;
            value.Alignment = Alignment.LowerCenter;
            value.OffsetY = -10;
            value.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
        }
        var filled = plot.Add.Marker(double.NaN, double.NaN, MarkerShape.FilledCircle, 12, Colors.Gray);
        filled.LegendText = "interval excludes 0";
        var open = plot.Add.Marker(double.NaN, double.NaN, MarkerShape.OpenCircle, 12, Colors.Gray);
        open.LegendText = "interval includes 0";
        open.MarkerLineWidth = 2.5f;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Left.TickLabelStyle.FontSize = 15;
        var (left, right) = (lows.Min(), highs.Max());
        var margin = Math.Max(1e-9, 0.08 * (right - left));
        plot.Axes.SetLimits(left - margin, right + margin, -0.7, rows.Count - 0.3);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        plot.ShowLegend(Edge.Bottom);
        PlotStyle.Save(plot, path, PlotStyle.Width, PlotStyle.Height + Math.Max(0, rows.Count - RowsAtHouseHeight) * 30);
        return new PlotFile(FileOf(metric),
            $"Forest plot, {label.Split(" (")[0]}: each variant minus the reference `{reference}`, replicate r against replicate r, "
            + "mean with its 95 % paired t interval (`ref_diff_*` of variants.parquet"
            + (share ? ", in percentage points" : "")
            + "); a filled dot marks an interval that excludes 0 (a difference larger than the simulation noise), an open dot one that includes it"
            + (data.Metadata.Counterfactual is { } counterfactual && counterfactual != reference ? $"; the counterfactual `{counterfactual}` is left out (its difference is far larger)." : "."));
    }

    private static string Format(double value, bool share)
    {
        var text = Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture)
            : value.ToString(share ? "0.00" : "G3", CultureInfo.InvariantCulture);
        return (value > 0 ? "+" : "") + text;
    }
}
