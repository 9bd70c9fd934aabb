using Hcsim.Engine.Metrics;

namespace Hcsim.Runner.Output;

/// <summary>
/// One finished run as saved in <c>runs/</c> of a temporary output folder: everything the results pipeline needs to
/// write it again, exactly (daily counts are integers and doubles round-trip through JSON), so that a resumed run
/// writes byte-identical Parquet files.
/// </summary>
public sealed record RunCheckpoint
{
    public required string Variant { get; init; }
    public required int VariantIndex { get; init; }
    public required int Replicate { get; init; }
    public required int Days { get; init; }
    /// <summary>Days simulated (fewer than <see cref="Days"/> when the run stopped early).</summary>
    public int DaysSimulated { get; init; }
    public required IReadOnlyList<string> Colours { get; init; }
    /// <summary>Daily column names in <see cref="DailyMetrics.Columns"/> order, parallel to <see cref="Columns"/>.</summary>
    public required IReadOnlyList<string> ColumnNames { get; init; }
    public required IReadOnlyList<int[]> Columns { get; init; }
    public required RunSummary Summary { get; init; }
    public required IReadOnlyDictionary<string, double> PhaseSeconds { get; init; }
    public IReadOnlyList<PersonEvent> Events { get; init; } = [];
    public IReadOnlyList<TransmissionRecord> Transmissions { get; init; } = [];
    /// <summary>The variant this run was copied from (<see cref="RunResult.ReusedFrom"/>); null when simulated.</summary>
    public string? ReusedFrom { get; init; }
    /// <summary>The region of these columns and this summary (<c>main</c> for a single-region scenario).</summary>
    public string Region { get; init; } = Hcsim.Engine.Scenarios.RegionModel.SingleName;
    /// <summary>The other regions of a multi-region run, each saved the same way; empty otherwise.</summary>
    public IReadOnlyList<RunCheckpoint> OtherRegions { get; init; } = [];

    public static RunCheckpoint From(RunResult run)
    {
        var columns = run.Daily.Columns();
        return new RunCheckpoint
        {
            Variant = run.Variant,
            VariantIndex = run.VariantIndex,
            Replicate = run.Replicate,
            Days = run.Daily.Days,
            DaysSimulated = run.Daily.DaysSimulated,
            Colours = [.. run.Daily.Colours],
            ColumnNames = [.. columns.Select(c => c.Name)],
            Columns = [.. columns.Select(c => c.Values)],
            Summary = run.Summary,
            PhaseSeconds = run.PhaseTimes.ToDictionary(p => p.Key, p => p.Value.TotalSeconds, StringComparer.Ordinal),
            Events = run.Events,
            Transmissions = run.Transmissions,
            ReusedFrom = run.ReusedFrom,
            Region = run.Region,
            OtherRegions = [.. run.OtherRegions.Select(From)],
        };
    }

    /// <summary>The run again; null when the saved columns do not fit the daily table (a checkpoint from another version).</summary>
    public RunResult? ToRunResult()
    {
        var daily = new DailyMetrics(Days, [.. Colours]);
        for (var c = daily.Columns().Count; c < ColumnNames.Count; c++)
        {
            // Optional parts' columns follow the core ones; their definitions are not needed to resume.
            daily.AddPartColumn(new PartColumn(ColumnNames[c], ""));
        }
        var columns = daily.Columns();
        if (columns.Count != Columns.Count || columns.Count != ColumnNames.Count)
        {
            return null;
        }
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Name != ColumnNames[c] || Columns[c].Length != Days)
            {
                return null;
            }
            Columns[c].CopyTo(columns[c].Values, 0);
        }
        if (DaysSimulated is > 0 and var simulated && simulated < Days)
        {
            daily.StopAfter(simulated - 1);
        }
        var others = OtherRegions.Select(r => r.ToRunResult()).ToList();
        if (others.Any(r => r is null))
        {
            return null;
        }
        return new RunResult
        {
            Variant = Variant,
            VariantIndex = VariantIndex,
            Replicate = Replicate,
            Daily = daily,
            Summary = Summary,
            PhaseTimes = PhaseSeconds.ToDictionary(p => p.Key, p => TimeSpan.FromSeconds(p.Value), StringComparer.Ordinal),
            Events = Events,
            Transmissions = Transmissions,
            ReusedFrom = ReusedFrom,
            Region = Region,
            OtherRegions = [.. others.OfType<RunResult>()],
        };
    }
}
