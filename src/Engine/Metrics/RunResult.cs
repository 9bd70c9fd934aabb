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
}
