namespace Hcsim.Engine.Calibration;

/// <summary>An observed value on one simulated day (a row of a target's series CSV).</summary>
public readonly record struct SeriesPoint(int Day, double Value);
