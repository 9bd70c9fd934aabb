namespace Hcsim.Engine.Scenarios;

/// <summary>Named defaults for scenario settings, so documentation, records and tests agree.</summary>
public static class ScenarioDefaults
{
    public const ulong Seed = 20200211;
    public const int Days = 120;
    public const int Replicates = 5;
    public const string BaselineVariantName = "baseline";
    public const string CounterfactualVariantName = "no-codes";
}
