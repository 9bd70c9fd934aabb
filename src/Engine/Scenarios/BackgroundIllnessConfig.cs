namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Fever from causes other than the simulated infection: the main source of wrongly flagged people.
/// Each day, each person who is not infected and has no fever starts one with probability <see cref="DailyRate"/>.
/// </summary>
public sealed record BackgroundIllnessConfig
{
    /// <summary>Probability per person per day, in [0, 1].</summary>
    public double DailyRate { get; init; } = 0.002;
    /// <summary>Days a background fever lasts, at least 1.</summary>
    public int FeverDays { get; init; } = 3;
}
