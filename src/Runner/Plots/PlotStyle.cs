using ScottPlot;

namespace Hcsim.Runner.Plots;

/// <summary>Sizes, font and colours shared by every plot, so that a variant has the same colour in every picture.</summary>
public static class PlotStyle
{
    public const int Width = 1200;
    public const int Height = 700;

    /// <summary>Installed with fonts-dejavu-core; ScottPlot's default is a serif.</summary>
    public const string FontName = "DejaVu Sans";

    private static readonly IPalette VariantPalette = new ScottPlot.Palettes.Category10();

    public static Color ForVariant(int variantIndex) => VariantPalette.GetColor(variantIndex);

    /// <summary>
    /// Fill for a health-code colour: the three code names get their own colour, anything else a grey that darkens with
    /// severity, because scenarios may declare colours such as "orange" or "purple" that we cannot guess.
    /// </summary>
    public static Color ForCode(string colourName, int severity, int colourCount) => colourName.ToLowerInvariant() switch
    {
        "green" => Color.FromHex("#2ca02c"),
        "yellow" => Color.FromHex("#f2c80f"),
        "red" => Color.FromHex("#d62728"),
        "orange" => Color.FromHex("#ff7f0e"),
        "blue" => Color.FromHex("#1f77b4"),
        "purple" => Color.FromHex("#9467bd"),
        _ => Colors.Gray.WithLightness((float)(0.8 - 0.5 * severity / Math.Max(1, colourCount - 1))),
    };

    /// <summary>A new plot with the house font and the given labels.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }
}
