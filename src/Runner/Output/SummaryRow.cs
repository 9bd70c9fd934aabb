using System.Collections.Immutable;

namespace Hcsim.Runner.Output;

/// <summary>
/// One row of <c>summary.parquet</c> as read back: the run's keys and every metric column as a number (null where the
/// cell is empty). Statistics, plots and reports use these rows, so that a rebuild from the files sees the same numbers.
/// </summary>
public sealed record SummaryRow
{
    public required string Variant { get; init; }
    public required int Replicate { get; init; }
    /// <summary>The row's region (<c>main</c> in a single-region scenario, and in files written before regions).</summary>
    public string Region { get; init; } = Hcsim.Engine.Scenarios.RegionModel.SingleName;
    /// <summary>By column name, for every column of <see cref="ParquetSchemas.MetricColumns"/>.</summary>
    public required ImmutableDictionary<string, double?> Metrics { get; init; }

    /// <summary>The optional part totals the file holds beyond <see cref="ParquetSchemas.MetricColumns"/>, in file order (also in <see cref="Metrics"/>).</summary>
    public ImmutableArray<string> PartMetrics { get; init; } = [];

    public double? this[string metric] => Metrics.GetValueOrDefault(metric);
}
