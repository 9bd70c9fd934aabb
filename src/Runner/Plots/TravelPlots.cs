using Hcsim.Runner.Output;
using ScottPlot;

namespace Hcsim.Runner.Plots;

/// <summary>
/// The plots of a scenario with travel between regions: infected travellers arriving per day, by region and variant,
/// and the border trade-off (infected travellers arriving against traveller quarantine person-days).
/// </summary>
public static class TravelPlots
{
    public const string ImportedFile = "plots/imported-infections.png";
    public const string TradeOffFile = "plots/imported-vs-quarantine.png";

    private static readonly LinePattern[] RegionPatterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>Whether the results have the travel part's columns (only then are these plots drawn).</summary>
    public static bool Applies(ResultsData data) => data.Daily.Any(v => !v.ImportedByRegion.IsDefaultOrEmpty);

    public static PlotFile WriteImported(string path, IReadOnlyList<VariantDailySeries> variants)
    {
        var plot = PlotStyle.Create("Infected travellers arriving per day (mean over replicates): colour = variant, line style = region", "day", "travel_imported_infections");
        var regions = variants.SelectMany(v => v.ImportedByRegion.Select(r => r.Region)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var v in variants)
        {
            foreach (var (region, mean) in v.ImportedByRegion)
            {
                var line = plot.Add.ScatterLine(Enumerable.Range(0, mean.Length).Select(d => (double)d).ToArray(), mean);
                line.Color = PlotStyle.ForVariant(v.VariantIndex);
                line.LineWidth = 2;
                line.LinePattern = RegionPatterns[regions.IndexOf(region) % RegionPatterns.Length];
                line.LegendText = $"{v.Variant} / {region}";
            }
        }
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimits(0, Math.Max(1, limits.Right), 0, Math.Max(1, 1.05 * limits.Top));
        plot.ShowLegend(Edge.Right);
        PlotStyle.Save(plot, path);
        return new PlotFile(ImportedFile, "Imported infections over time: travellers arriving infected in each region (visitors on their first day and residents coming home), per day, mean over replicates; colour = variant, line style = region.");
    }

    /// <summary>Per variant, summed over regions and averaged over replicates: infected travellers arriving against traveller quarantine person-days.</summary>
    public static PlotFile WriteTradeOff(string path, ResultsData data)
    {
        var plot = PlotStyle.Create("Border trade-off: infected travellers arriving vs. traveller quarantine (down and left is better)",
            "traveller quarantine person-days (all regions)", "infected travellers arriving (travel_imported_infections_total, all regions)");
        foreach (var (variant, index) in data.Metadata.VariantNames.Select((v, i) => (v, i)))
        {
            var runs = data.Summary.Where(r => r.Variant == variant).GroupBy(r => r.Replicate).ToList();
            if (runs.Count == 0)
            {
                continue;
            }
            var x = runs.Average(g => g.Sum(r => r["traveller_quarantine_person_days"] ?? 0));
            var y = runs.Average(g => g.Sum(r => r["travel_imported_infections_total"] ?? 0));
            var marker = plot.Add.Marker(x, y, MarkerShape.FilledCircle, 11, PlotStyle.ForVariant(index));
            marker.LegendText = variant;
        }
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimits(0, Math.Max(1, 1.1 * limits.Right), 0, Math.Max(1, 1.1 * limits.Top));
        plot.ShowLegend(Edge.Right);
        PlotStyle.Save(plot, path);
        return new PlotFile(TradeOffFile, "Border trade-off: each point is a variant, infected travellers arriving (all regions, down is better) against traveller quarantine person-days (all regions, left is better), means over replicates.");
    }
}
