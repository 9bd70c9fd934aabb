using System.Collections.Immutable;

namespace Hcsim.Engine.Calibration;

/// <summary>
/// The <c>calibration</c> section of a scenario: the settings to fit (each with a prior), the observed targets, and the
/// ABC-SMC budget. Used by <c>hcsim calibrate</c>; <c>hcsim run</c> ignores it.
/// </summary>
public sealed record CalibrationConfig
{
    /// <summary>Candidates accepted into each generation's population (particles).</summary>
    public int Particles { get; init; } = CalibrationDefaults.Particles;
    /// <summary>Generations at most (the first samples the prior).</summary>
    public int Generations { get; init; } = CalibrationDefaults.Generations;
    /// <summary>A generation's tolerance is this quantile of the previous population's distances.</summary>
    public double Quantile { get; init; } = CalibrationDefaults.Quantile;
    /// <summary>Stop once a generation's tolerance is at or below this (0 = run every generation).</summary>
    public double Tolerance { get; init; }
    /// <summary>Runs per candidate; a target's simulated value is the mean over them.</summary>
    public int Replicates { get; init; } = 1;
    /// <summary>Proposal rounds (of <see cref="Particles"/> candidates each) a generation may use to fill its population.</summary>
    public int MaxRounds { get; init; } = CalibrationDefaults.MaxRounds;
    /// <summary>Budget of simulation runs (0 = none); a round that would exceed it is not started.</summary>
    public int MaxRuns { get; init; }
    /// <summary>Budget of wall time in minutes (0 = none); a round expected to end after it is not started.</summary>
    public double MaxMinutes { get; init; }
    public ImmutableArray<CalibrationParameterConfig> Parameters { get; init; } = [];
    public ImmutableArray<CalibrationTargetConfig> Targets { get; init; } = [];
}
