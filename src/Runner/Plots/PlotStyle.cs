using System.Collections.Immutable;
using ScottPlot;

namespace Hcsim.Runner.Plots;

/// <summary>Sizes, font and colours shared by every plot, so that a variant has the same colour in every picture.</summary>
public static class PlotStyle
{
    public const int Width = 1200;
    public const int Height = 700;

    /// <summary>Installed with fonts-dejavu-core; ScottPlot's default is a serif.</summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>
    /// Variant colours: blues, purples, pinks and greys only. Green, yellow, orange and red (and their neighbours such as
    /// olive and brown) belong to the health-code colours, so a variant drawn in them would read as a code.
    /// </summary>
    public static ImmutableArray<Color> VariantColours { get; } =
    [
        Color.FromHex("#1f77b4"), // blue
        Color.FromHex("#9467bd"), // purple
        Color.FromHex("#17becf"), // cyan
        Color.FromHex("#e377c2"), // pink
        Color.FromHex("#393b79"), // indigo
        Color.FromHex("#7f7f7f"), // grey
        Color.FromHex("#7b4173"), // plum
        Color.FromHex("#6baed6"), // sky blue
        Color.FromHex("#222222"), // near black
        Color.FromHex("#c5b0d5"), // lavender
    ];

    public static Color ForVariant(int variantIndex) => VariantColours[variantIndex % VariantColours.Length];

    /// <summary>The SVG twin of a PNG path: the same name with <c>.svg</c>.</summary>
    public static string SvgPath(string pngPath) => Path.ChangeExtension(pngPath, ".svg");

    /// <summary>Writes the plot as PNG at <paramref name="pngPath"/> and as SVG beside it, both at the house size.</summary>
    public static void Save(Plot plot, string pngPath) => Save(plot, pngPath, Width, Height);

    /// <summary>Writes the plot as PNG and SVG twin at a size of its own (a picture with many rows grows taller).</summary>
    public static void Save(Plot plot, string pngPath, int width, int height)
    {
        plot.SavePng(pngPath, width, height);
        plot.SaveSvg(SvgPath(pngPath), width, height);
    }

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
