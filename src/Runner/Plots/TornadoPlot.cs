using System.Globalization;
using Hcsim.Runner.Output;
using ScottPlot;

namespace Hcsim.Runner.Plots;

/// <summary>
/// Tornado plots of the sensitivity ranking: one per headline metric, a horizontal bar per uncertain input with its
/// PRCC, the most influential input on top. Blue bars raise the metric, pink bars lower it (never a code colour).
/// </summary>
public static class TornadoPlot
{
    public static string FileOf(string metric) => $"plots/tornado-{metric}.png";

    /// <summary>Writes every metric's tornado plot; none without uncertain inputs.</summary>
    public static IReadOnlyList<PlotFile> WriteAll(ResultsData data, Func<string, string> pathOf)
    {
        var files = new List<PlotFile>();
        foreach (var (metric, ranking) in SensitivityRanking.Compute(data))
        {
            var file = FileOf(metric);
            Write(pathOf(file), metric, ranking, data.Metadata.ReferenceName, data.Metadata.Replicates);
            files.Add(new PlotFile(file,
                $"Sensitivity of `{metric}` to the uncertain inputs: partial rank correlation (PRCC) over the replicates of `{data.Metadata.ReferenceName}`, most influential on top; a bar to the right means more of the input gives more `{metric}`."));
        }
        return files;
    }

    private static void Write(string path, string metric, IReadOnlyList<SensitivityRanking.Entry> ranking, string variant, int replicates)
    {
        var plot = PlotStyle.Create($"What drives {metric} (PRCC, {replicates} replicates of {variant})", "partial rank correlation coefficient", "");
        var count = ranking.Count;
        var bars = new List<Bar>(count);
        for (var i = 0; i < count; i++)
        {
            var value = double.IsNaN(ranking[i].Prcc) ? 0 : ranking[i].Prcc;
            bars.Add(new Bar
            {
                Position = count - 1 - i,
                Value = value,
                ValueBase = 0,
                FillColor = value >= 0 ? PlotStyle.VariantColours[0] : PlotStyle.VariantColours[3],
                Label = double.IsNaN(ranking[i].Prcc) ? "n/a" : ranking[i].Prcc.ToString("0.00", CultureInfo.InvariantCulture),
            });
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        var zero = plot.Add.VerticalLine(0);
        zero.Color = Colors.Black;
        zero.LineWidth = 1;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, count).Select(i => (double)(count - 1 - i))], [.. ranking.Select(e => e.Input)]);
        plot.Axes.SetLimits(-1.05, 1.05, -0.6, count - 0.4);
        PlotStyle.Save(plot, path);
    }
}
