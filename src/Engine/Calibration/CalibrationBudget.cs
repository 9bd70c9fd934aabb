namespace Hcsim.Engine.Calibration;

/// <summary>
/// Limits of one calibration: runs (0 = none) and minutes of wall time (0 = none) measured by <see cref="ElapsedMinutes"/>
/// (the engine has no clock; the runner passes a stopwatch). A round that would go past either is not started.
/// </summary>
public sealed record CalibrationBudget
{
    public int MaxRuns { get; init; }
    public double MaxMinutes { get; init; }
    public Func<double> ElapsedMinutes { get; init; } = () => 0;
}
