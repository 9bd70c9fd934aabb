using Hcsim.Engine.Calibration;
using Hcsim.Runner.Plots;
using PlotStyle = Hcsim.Runner.Plots.PlotStyle;
using ScottPlot;

namespace Hcsim.Runner.Calibration;

/// <summary>
/// The calibration's plots, each PNG with its SVG twin (<see cref="PlotStyle.Save"/>): targets against the posterior's
/// simulated values on a common scale (z-scores), a series target's observed rows against the posterior band, and
/// the weighted posterior histogram of each fitted setting over its prior range.
/// </summary>
public static class CalibrationPlots
{
    public const string TargetsFile = "calibration-targets.png";

    /// <summary>Writes every plot into <paramref name="plotsFolder"/>; returns the PNG file names written.</summary>
    public static IReadOnlyList<string> WriteAll(string plotsFolder, CalibrationConfig config, CalibrationGeneration posterior)
    {
        var written = new List<string>();
        Directory.CreateDirectory(plotsFolder);
        var population = posterior.Population.ToArray();
        WriteTargets(Path.Combine(plotsFolder, TargetsFile), config, population);
        written.Add(TargetsFile);
        for (var t = 0; t < config.Targets.Length; t++)
        {
            if (!config.Targets[t].SeriesPoints.IsDefaultOrEmpty)
            {
                var name = $"calibration-series-{ResultPlots.SafeFileName(config.Targets[t].Name)}.png";
                WriteSeries(Path.Combine(plotsFolder, name), config.Targets[t], t, population);
                written.Add(name);
            }
        }
        for (var k = 0; k < config.Parameters.Length; k++)
        {
            var name = $"calibration-posterior-{ResultPlots.SafeFileName(config.Parameters[k].Path)}.png";
            WritePosterior(Path.Combine(plotsFolder, name), config, k, population);
            written.Add(name);
        }
        return written;
    }

    private static void WriteTargets(string path, CalibrationConfig config, CalibrationCandidate[] population)
    {
        var plot = PlotStyle.Create("Targets: posterior simulated values against the observed (band: observed +- 2 sd)", "", "(simulated - observed) / sd");
        var band = plot.Add.VerticalSpan(-2, 2);
        band.FillStyle.Color = Colors.Gray.WithAlpha(0.2);
        band.LegendText = "observed +- 2 sd";
        var ticks = new List<Tick>();
        var (lowest, highest) = (-2.5, 2.5);
        for (var t = 0; t < config.Targets.Length; t++)
        {
            var target = config.Targets[t];
            var z = population.Select(c => CalibrationParquetWriter.SimulatedMean(c, t)).Where(v => v is not null)
                .Select(v => (v!.Value - (target.Observed ?? target.SeriesPoints.Average(p => p.Value))) / target.Sd).Order().ToArray();
            if (z.Length > 0)
            {
                var mean = z.Average();
                var low = z[(int)Math.Floor(0.025 * (z.Length - 1))];
                var high = z[(int)Math.Ceiling(0.975 * (z.Length - 1))];
                (lowest, highest) = (Math.Min(lowest, low - 0.5), Math.Max(highest, high + 0.5));
                var bar = plot.Add.ErrorBar([t], [mean], [mean - low]);
                bar.YErrorPositive = [high - mean];
                bar.Color = PlotStyle.ForVariant(0);
                bar.LineWidth = 2;
                var marker = plot.Add.Marker(t, mean, MarkerShape.FilledCircle, 11, PlotStyle.ForVariant(0));
                if (t == 0)
                {
                    marker.LegendText = "posterior particles: mean and 95 %";
                }
            }
            ticks.Add(new Tick(t, target.Name));
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.SetLimitsX(-0.5, config.Targets.Length - 0.5);
        // The band stays visible as a band: the view always reaches past +- 2 sd.
        plot.Axes.SetLimitsY(lowest, highest);
        plot.ShowLegend(Edge.Right);
        PlotStyle.Save(plot, path);
    }

    private static void WriteSeries(string path, CalibrationTargetConfig target, int t, CalibrationCandidate[] population)
    {
        var plot = PlotStyle.Create($"{target.Name}: observed rows and the posterior's 95 % band", "day", target.Per is null ? target.Metric : $"{target.Metric} / {target.Per}");
        var days = target.SeriesPoints.Select(p => (double)p.Day).ToArray();
        var low = new double[days.Length];
        var high = new double[days.Length];
        for (var k = 0; k < days.Length; k++)
        {
            var values = population.Select(c => c.Simulated[t][k]).Where(v => v is not null).Select(v => v!.Value).Order().ToArray();
            low[k] = values.Length == 0 ? double.NaN : values[(int)Math.Floor(0.025 * (values.Length - 1))];
            high[k] = values.Length == 0 ? double.NaN : values[(int)Math.Ceiling(0.975 * (values.Length - 1))];
        }
        var fill = plot.Add.FillY(days, low, high);
        fill.FillStyle.Color = PlotStyle.ForVariant(0).WithAlpha(0.3);
        fill.LegendText = "posterior 95 %";
        var observed = plot.Add.ScatterPoints(days, target.SeriesPoints.Select(p => p.Value).ToArray());
        observed.Color = Colors.Black;
        observed.LegendText = "observed";
        plot.ShowLegend(Edge.Right);
        PlotStyle.Save(plot, path);
    }

    private static void WritePosterior(string path, CalibrationConfig config, int k, CalibrationCandidate[] population)
    {
        var parameter = config.Parameters[k];
        var prior = new Prior(parameter);
        var values = population.Select(c => c.Values[k]).ToArray();
        var lower = double.IsFinite(prior.Lower) ? prior.Lower : values.Min();
        var upper = double.IsFinite(prior.Upper) ? prior.Upper : values.Max();
        if (!(upper > lower))
        {
            upper = lower + 1;
        }
        const int bins = 30;
        var width = (upper - lower) / bins;
        var heights = new double[bins];
        foreach (var c in population)
        {
            heights[Math.Clamp((int)((c.Values[k] - lower) / width), 0, bins - 1)] += c.Weight;
        }
        var plot = PlotStyle.Create($"Posterior of {parameter.Path} ({parameter.Prior} prior over the x range)", parameter.Path, "posterior weight");
        var bars = Enumerable.Range(0, bins).Select(b => new Bar
        {
            Position = lower + (b + 0.5) * width,
            Value = heights[b],
            Size = width * 0.95,
            FillColor = PlotStyle.ForVariant(0),
        }).ToList();
        plot.Add.Bars(bars);
        var summary = CalibrationLoop.Summarise(config, new CalibrationGeneration { Index = 0, Tolerance = 0, Candidates = [.. population], Complete = true })[k];
        var mean = plot.Add.VerticalLine(summary.Mean);
        mean.Color = Colors.Black;
        mean.LegendText = "posterior mean";
        foreach (var edge in new[] { summary.Low, summary.High })
        {
            var line = plot.Add.VerticalLine(edge);
            line.Color = Colors.Black;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = edge == summary.Low ? "95 % interval" : "";
        }
        plot.Axes.SetLimitsX(lower, upper);
        plot.ShowLegend(Edge.Right);
        PlotStyle.Save(plot, path);
    }
}
