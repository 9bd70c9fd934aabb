using ScottPlot;

namespace Hcsim.Runner.Plots;

/// <summary>
/// Draws one small throw-away plot in memory, in the house style, on a thread-pool thread while the scenario loads and
/// the runs simulate, so that loading Skia and the house font and compiling the plotting code are done by the time the
/// real plots are drawn (at the end of a run, where they used to be the largest part of a short run's fixed cost).
/// Nothing is written and nothing the plots draw depends on it. A failure here is ignored: the real plots meet the same
/// problem (a missing font, say) and report it.
/// </summary>
public static class PlotWarmUp
{
    /// <summary>The warm-up picture's size: small, because compiling and loading, not pixels, is what it is for.</summary>
    public const int Width = 160;
    public const int Height = 90;

    /// <summary>Starts the warm-up; the task never fails. Callers need not wait for it.</summary>
    public static Task Start() => Task.Run(Draw);

    /// <summary>Draws the throw-away plot: a filled band, a solid and a dashed line, a legend, a text label, PNG and SVG.</summary>
    public static void Draw()
    {
        try
        {
            double[] days = [0, 1, 2, 3];
            var plot = PlotStyle.Create("warm-up", "day", "people");
            var band = plot.Add.FillY(days, [0, 1, 1, 2], [2, 3, 4, 3]);
            band.FillStyle.Color = PlotStyle.ForVariant(0).WithAlpha(0.2);
            band.LineStyle.Width = 0;
            var line = plot.Add.ScatterLine(days, [1, 2, 3, 2]);
            line.Color = PlotStyle.ForVariant(0);
            line.LineWidth = 2;
            line.LegendText = "a";
            var dashed = plot.Add.ScatterLine(days, [0, 1, 1, 0]);
            dashed.LinePattern = LinePattern.Dashed;
            var note = plot.Add.Text("b", 1, 1);
            note.LabelFontName = PlotStyle.FontName;
            plot.Axes.SetLimits(0, 3, 0, 4);
            plot.ShowLegend(Edge.Right);
            _ = PlotStyle.Png(plot, Width, Height);
            _ = plot.GetSvgXml(Width, Height);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Ignored on purpose, see the summary: the real plots report the same problem with the file they draw.
        }
    }
}
