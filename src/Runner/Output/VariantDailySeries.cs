using System.Collections.Immutable;

namespace Hcsim.Runner.Output;

/// <summary>
/// Per-day series of one variant over its replicates, as drawn by the plots. Built only from daily.parquet as read back
/// (see <see cref="DailySeriesReader"/>), so the plots are a pure function of the files. NaN marks an undefined day.
/// </summary>
public sealed record VariantDailySeries
{
    public required string Variant { get; init; }
    public required int VariantIndex { get; init; }
    public required int Days { get; init; }
    public required int Replicates { get; init; }
    /// <summary>Declared colours, severity order.</summary>
    public required ImmutableArray<string> Colours { get; init; }
    /// <summary>Exposed + infectious people: mean and 95 % t interval over replicates (NaN bounds with one replicate).</summary>
    public required double[] InfectedMean { get; init; }
    public required double[] InfectedLow { get; init; }
    public required double[] InfectedHigh { get; init; }
    public required double[] QuarantinedHomeMean { get; init; }
    public required double[] QuarantinedCentralMean { get; init; }
    /// <summary>Per colour, per day: mean share (0..1) of living people holding that colour.</summary>
    public required ImmutableArray<double[]> ColourShareMean { get; init; }
    /// <summary>flagged_never_infected / flagged per day, mean over the replicates where anyone was flagged; NaN where none.</summary>
    public required double[] FalsePositiveShareMean { get; init; }
    /// <summary>
    /// Optional parts' daily columns (those after the core columns), each reduced per run to its total over the days (its
    /// peak for <see cref="DailySeriesReader.PeakColumns"/>) and averaged over replicates; empty when the file has none.
    /// </summary>
    public ImmutableDictionary<string, double> PartTotals { get; init; } = ImmutableDictionary<string, double>.Empty;
    /// <summary>The optional columns of daily.parquet, in file order.</summary>
    public ImmutableArray<string> PartColumns { get; init; } = [];
    /// <summary>With travel: per region (in file order), travel_imported_infections per day, mean over replicates; empty otherwise.</summary>
    public ImmutableArray<(string Region, double[] Mean)> ImportedByRegion { get; init; } = [];
}
