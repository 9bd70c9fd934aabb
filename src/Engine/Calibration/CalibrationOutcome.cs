using System.Collections.Immutable;

namespace Hcsim.Engine.Calibration;

/// <summary>Every generation of a calibration, why it stopped, and the runs it took.</summary>
public sealed record CalibrationOutcome(ImmutableArray<CalibrationGeneration> Generations, string StopReason, int Runs)
{
    /// <summary>The posterior: the last generation whose population was filled.</summary>
    public CalibrationGeneration? Posterior => Generations.LastOrDefault(g => g.Complete);
}
