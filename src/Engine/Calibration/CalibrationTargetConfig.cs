using System.Collections.Immutable;

namespace Hcsim.Engine.Calibration;

/// <summary>
/// One observed number (or series) the fit must reproduce. <see cref="Metric"/> is a daily column (aggregated over
/// <see cref="FromDay"/>..<see cref="ToDay"/> by <see cref="Aggregate"/>) or a summary column; with <see cref="Per"/> the
/// value is the ratio of the two such values. With <see cref="Series"/>, a CSV of <c>day,value</c> rows, each row is
/// compared with the metric (or ratio) on that day.
/// </summary>
public sealed record CalibrationTargetConfig
{
    public string Name { get; init; } = "";
    public string Metric { get; init; } = "";
    public string? Per { get; init; }
    public string Aggregate { get; init; } = "mean";
    public int FromDay { get; init; }
    /// <summary>Last day of the window, inclusive; null = the last day.</summary>
    public int? ToDay { get; init; }
    public double? Observed { get; init; }
    public double Sd { get; init; }
    public string? Series { get; init; }

    /// <summary>The rows of <see cref="Series"/>, read by the loader (not a setting: no YAML key binds to it).</summary>
    public ImmutableArray<SeriesPoint> SeriesPoints { get; internal init; } = [];
}
