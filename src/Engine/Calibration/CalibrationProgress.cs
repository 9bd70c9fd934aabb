namespace Hcsim.Engine.Calibration;

/// <summary>A finished generation, for the progress display: its tolerance, population and runs so far.</summary>
public readonly record struct CalibrationProgress(int Generation, double Tolerance, int Accepted, int Candidates, double EffectiveSampleSize, int RunsSoFar);
