namespace Hcsim.Engine.Regimes;

/// <summary>Default behaviour of the decentralised design; sources in <see cref="Scenarios.Schema.DefaultSources"/>.</summary>
public static class DataRegimeDefaults
{
    public const double UploadProbability = 0.6;
    public const double AppUptake = 1.0;
    public const double DetectionProbability = 0.7;
    public const double NotificationCompliance = 0.6;
}
