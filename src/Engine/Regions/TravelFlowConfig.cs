namespace Hcsim.Engine.Regions;

/// <summary>Trips from one region to another: a mean number per day, or a share of the origin's residents per day.</summary>
public sealed record TravelFlowConfig
{
    public string From { get; init; } = "";
    public string To { get; init; } = "";
    /// <summary>Mean trips a day (each resident free at home leaves with probability trips_per_day / population).</summary>
    public double TripsPerDay { get; init; }
    /// <summary>Probability per resident-day of leaving on this flow (used when trips_per_day is 0).</summary>
    public double SharePerDay { get; init; }
}
