using System.Collections.Immutable;
using ScottPlot;
using SkiaSharp;

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
        File.WriteAllBytes(pngPath, Png(plot, width, height));
        plot.SaveSvg(SvgPath(pngPath), width, height);
    }

    /// <summary>
    /// PNG encoding: the Paeth filter at zlib level 3. ScottPlot's own <c>SavePng</c> (every filter tried on every row, zlib
    /// level 6) took about ten times as long as drawing the picture, most of a run's output time; this takes a fraction of
    /// the drawing time for files about 13 % larger, with the same pixels.
    /// </summary>
    public static SKPngEncoderOptions PngOptions { get; } = new(SKPngEncoderFilterFlags.Paeth, 3);

    /// <summary>The plot drawn exactly as ScottPlot's <c>GetImage</c> draws it (RGBA, premultiplied), encoded with <see cref="PngOptions"/>.</summary>
    public static byte[] Png(Plot plot, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new ArgumentException($"cannot draw a {width} x {height} picture");
        plot.Render(surface.Canvas, width, height);
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        using var png = pixels.Encode(PngOptions) ?? throw new InvalidOperationException("the PNG encoder returned nothing");
        return png.ToArray();
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
