namespace Hcsim.Engine.Calibration;

/// <summary>The defaults of the <c>calibration</c> section.</summary>
public static class CalibrationDefaults
{
    public const int Particles = 40;
    public const int Generations = 5;
    public const double Quantile = 0.5;
    public const int MaxRounds = 10;
}
