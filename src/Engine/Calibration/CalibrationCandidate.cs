using System.Collections.Immutable;

namespace Hcsim.Engine.Calibration;

/// <summary>
/// One evaluated candidate (particle) of a generation: its parameter values (in the section's order), the simulated
/// value of each target (mean over replicates; one value per series row for a series target; null = undefined), the
/// distance per target and their sum, whether it entered the generation's population, and its normalised importance
/// weight there (0 when not accepted).
/// </summary>
public sealed record CalibrationCandidate
{
    public required int Generation { get; init; }
    /// <summary>Index within the generation, across its proposal rounds; it fixes the candidate's replicate seeds.</summary>
    public required int Index { get; init; }
    public required ImmutableArray<double> Values { get; init; }
    public required ImmutableArray<ImmutableArray<double?>> Simulated { get; init; }
    public required ImmutableArray<double> Distances { get; init; }
    public required double Distance { get; init; }
    public bool Accepted { get; init; }
    public double Weight { get; init; }
}
