using System.Collections.Immutable;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Regions;

/// <summary>
/// Travel between the regions of a multi-region scenario (the model key <c>travel</c>; absent = no travel). Each day
/// each resident free at home may leave on one trip, drawn flow by flow; a trip lasts a duration drawn per trip, during
/// which the traveller meets nobody at home and meets residents of the destination.
/// </summary>
public sealed record TravelConfig
{
    public ImmutableArray<TravelFlowConfig> Flows { get; init; } = [];
    /// <summary>Days spent at the destination: whole days, at least 1; a day's journey each way comes on top.</summary>
    public DurationConfig TripDays { get; init; } = new() { Distribution = "fixed", MeanDays = 7, SdDays = 0 };
    /// <summary>Residents of the destination a traveller meets per day there (a random resident each, free and at home).</summary>
    public double ContactsPerDay { get; init; } = 5;
    /// <summary>Transmission per traveller-resident contact-day, either way, times the stage infectiousness and age susceptibility.</summary>
    public double Beta { get; init; } = 0.03;
    /// <summary>Border requirements by destination and origin; a pair without an entry requires nothing.</summary>
    public ImmutableArray<BorderConfig> Borders { get; init; } = [];
}
