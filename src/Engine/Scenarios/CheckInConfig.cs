namespace Hcsim.Engine.Scenarios;

/// <summary>Daily health check-ins in the code app, and the staff's check of people in central isolation.</summary>
public sealed record CheckInConfig
{
    /// <summary>Default of <see cref="CentralCheckProbability"/>: staff check every isolated person every day.</summary>
    public const double DefaultCentralCheckProbability = 1.0;
    /// <summary>Default of <see cref="CentralFeverDetectionProbability"/>: staff find every fever they check.</summary>
    public const double DefaultCentralFeverDetectionProbability = 1.0;

    /// <summary>Probability that a living person checks in on a given day, in [0, 1].</summary>
    public double Probability { get; init; } = 0.9;
    /// <summary>Probability that a person with fever who checks in reports it, in [0, 1].</summary>
    public double FeverReportProbability { get; init; } = 0.8;
    /// <summary>
    /// Probability that a person in central isolation on a day is checked by staff that day (replaces
    /// <see cref="Probability"/> for them), in [0, 1].
    /// </summary>
    public double CentralCheckProbability { get; init; } = DefaultCentralCheckProbability;
    /// <summary>
    /// Probability that a fever of a centrally isolated person is found and reported at the staff's check (replaces
    /// <see cref="FeverReportProbability"/> for them), in [0, 1].
    /// </summary>
    public double CentralFeverDetectionProbability { get; init; } = DefaultCentralFeverDetectionProbability;
    /// <summary>Share of people by age band who have no smartphone, hence no code (none by default).</summary>
    public System.Collections.Immutable.ImmutableArray<AgeShareConfig> NoSmartphoneShareByAge { get; init; } = [];
    /// <summary>Check-in fatigue: the probability is multiplied by max(floor, (1 - fatigue_per_day)^t); 0 = none.</summary>
    public double FatiguePerDay { get; init; }
    /// <summary>The lowest fatigue factor.</summary>
    public double FatigueFloor { get; init; }
    /// <summary>What t counts: <c>policy</c> (days since day 0) or <c>colour</c> (days in the current colour).</summary>
    public string FatigueClock { get; init; } = "policy";

    /// <summary>The values of <see cref="FatigueClock"/>.</summary>
    public static readonly System.Collections.Immutable.ImmutableArray<string> FatigueClocks = ["policy", "colour"];
}
