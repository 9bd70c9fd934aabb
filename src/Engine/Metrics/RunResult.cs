namespace Hcsim.Engine.Metrics;

/// <summary>What one run (variant x replicate) produces.</summary>
public sealed record RunResult
{
    public required string Variant { get; init; }
    /// <summary>Position of the variant in the scenario (baseline first).</summary>
    public required int VariantIndex { get; init; }
    public required int Replicate { get; init; }
    public required DailyMetrics Daily { get; init; }
    public required RunSummary Summary { get; init; }
    /// <summary>Wall time of the day loop per phase name, for the timing report.</summary>
    public required IReadOnlyDictionary<string, TimeSpan> PhaseTimes { get; init; }
    /// <summary>Changes of stage, colour and confinement, in the order they happened; empty unless recorded.</summary>
    public IReadOnlyList<PersonEvent> Events { get; init; } = [];
    /// <summary>Transmissions in the order they happened; empty unless recorded.</summary>
    public IReadOnlyList<TransmissionRecord> Transmissions { get; init; } = [];
    /// <summary>
    /// The variant whose run of the same replicate this one copies (an identical sweep point, not simulated again);
    /// null when the run was simulated.
    /// </summary>
    public string? ReusedFrom { get; init; }
    /// <summary>The region these daily rows and this summary describe (<c>main</c> for a single-region scenario).</summary>
    public string Region { get; init; } = Scenarios.RegionModel.SingleName;
    /// <summary>
    /// In a multi-region run, the results of the regions after the first (this one), in declared order, with
    /// empty phase times, events and transmissions; empty for a single-region run.
    /// </summary>
    public IReadOnlyList<RunResult> OtherRegions { get; init; } = [];

    /// <summary>This region's result, then <see cref="OtherRegions"/>: one per output row set.</summary>
    public IEnumerable<RunResult> AllRegions => [this, .. OtherRegions];
}
