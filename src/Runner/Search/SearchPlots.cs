using Hcsim.Engine.Search;
using Hcsim.Runner.Plots;
using PlotStyle = Hcsim.Runner.Plots.PlotStyle;
using ScottPlot;

namespace Hcsim.Runner.Search;

/// <summary>
/// The search's plots, each PNG with its SVG twin (<see cref="PlotStyle.Save"/>): for each pair of objectives, every
/// candidate in objective space (grey; black for those no mean dominates) with the honest front highlighted and its 95 % intervals as whiskers
/// (<c>search-front-A--B.png</c>); and for each decision variable its value along the front, the front ordered by the
/// first objective (<c>search-values-PATH.png</c>).
/// </summary>
public static class SearchPlots
{
    /// <summary>Writes every plot into <paramref name="plotsFolder"/>; returns the PNG file names written.</summary>
    public static IReadOnlyList<string> WriteAll(string plotsFolder, SearchConfig config, IReadOnlyList<SearchCandidate> assessed)
    {
        Directory.CreateDirectory(plotsFolder);
        var written = new List<string>();
        var front = SearchReport.Ordered(assessed.Where(c => c.OnFront));
        for (var a = 0; a < config.Objectives.Length; a++)
        {
            for (var b = a + 1; b < config.Objectives.Length; b++)
            {
                var name = $"search-front-{ResultPlots.SafeFileName(config.Objectives[a].Metric)}--{ResultPlots.SafeFileName(config.Objectives[b].Metric)}.png";
                WriteFront(Path.Combine(plotsFolder, name), config, a, b, assessed, front);
                written.Add(name);
            }
        }
        for (var k = 0; k < config.Variables.Length; k++)
        {
            var name = $"search-values-{ResultPlots.SafeFileName(config.Variables[k].Path)}.png";
            WriteValues(Path.Combine(plotsFolder, name), config, k, front);
            written.Add(name);
        }
        return written;
    }

    private static string Label(SearchObjectiveConfig objective) => $"{objective.Metric} ({objective.Direction})";

    private static void WriteFront(string path, SearchConfig config, int a, int b, IReadOnlyList<SearchCandidate> assessed, IReadOnlyList<SearchCandidate> front)
    {
        var plot = PlotStyle.Create($"Policy search: {assessed.Count} candidates, {front.Count} on the honest front", Label(config.Objectives[a]), Label(config.Objectives[b]));
        var others = assessed.Where(c => !c.OnFront && double.IsFinite(c.Mean(a)) && double.IsFinite(c.Mean(b))).ToArray();
        foreach (var (group, shade, legend) in new[]
        {
            (others.Where(c => c.Rank > 0).ToArray(), Colors.Gray.WithAlpha(0.5), "other candidates (means)"),
            (others.Where(c => c.Rank == 0).ToArray(), Colors.Black.WithAlpha(0.7), "not dominated by any mean, off the honest front"),
        })
        {
            if (group.Length > 0)
            {
                var cloud = plot.Add.ScatterPoints(group.Select(c => c.Mean(a)).ToArray(), group.Select(c => c.Mean(b)).ToArray());
                cloud.Color = shade;
                cloud.MarkerSize = 6;
                cloud.LegendText = legend;
            }
        }
        var colour = PlotStyle.ForVariant(0);
        foreach (var c in front)
        {
            var (x, xl, xh) = SearchParquetWriter.Interval(c, a);
            var (y, yl, yh) = SearchParquetWriter.Interval(c, b);
            if (x is not { } xm || y is not { } ym)
            {
                continue;
            }
            if (xl is { } xLow && xh is { } xHigh && yl is { } yLow && yh is { } yHigh)
            {
                var bar = plot.Add.ErrorBar([xm], [ym], [ym - yLow]);
                bar.YErrorPositive = [yHigh - ym];
                bar.XErrorNegative = [xm - xLow];
                bar.XErrorPositive = [xHigh - xm];
                bar.Color = colour.WithAlpha(0.7);
                bar.LineWidth = 1.5f;
            }
            plot.Add.Marker(xm, ym, MarkerShape.FilledCircle, 10, colour);
        }
        var key = plot.Add.Marker(double.NaN, double.NaN, MarkerShape.FilledCircle, 10, colour);
        key.LegendText = "honest front (mean, 95 % intervals)";
        plot.ShowLegend(Edge.Right);
        PlotStyle.Save(plot, path);
    }

    private static void WriteValues(string path, SearchConfig config, int k, IReadOnlyList<SearchCandidate> front)
    {
        var variable = config.Variables[k];
        var plot = PlotStyle.Create($"{variable.Path} along the front (ordered by {config.Objectives[0].Metric})", Label(config.Objectives[0]), variable.Path);
        var points = front.Where(c => double.IsFinite(c.Mean(0))).ToArray();
        if (points.Length > 0)
        {
            var line = plot.Add.Scatter(points.Select(c => c.Mean(0)).ToArray(), points.Select(c => c.Values[k]).ToArray());
            line.Color = PlotStyle.ForVariant(0);
            line.MarkerSize = 9;
            line.LineWidth = 1;
            line.LegendText = "front policies";
        }
        var (low, high) = variable.IsValueSet ? (variable.Values.Min(), variable.Values.Max()) : (variable.Min!.Value, variable.Max!.Value);
        var margin = 0.05 * (high - low);
        plot.Axes.SetLimitsY(low - margin, high + margin);
        plot.ShowLegend(Edge.Right);
        PlotStyle.Save(plot, path);
    }
}
