using System.Collections.Immutable;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Venues;

/// <summary>
/// A kind of venue (shop, restaurant, office, transport): how many there are, how people visit them, and how a visit
/// transmits. Opening hours are split into <see cref="Slots"/> time slots; people in the same venue in the same slot meet.
/// </summary>
public sealed record VenueKindConfig
{
    /// <summary>Venues of this kind per 1,000 people (at least one venue in all).</summary>
    public double PerThousand { get; init; } = 2;
    /// <summary>Regular venues of this kind per person, chosen near home.</summary>
    public int Regulars { get; init; } = 2;
    /// <summary>A person's regular venues are drawn among the this many venues nearest home.</summary>
    public int Catchment { get; init; } = 10;
    /// <summary>A free person visits one of their regular venues of this kind on a day with this probability.</summary>
    public double VisitProbability { get; init; } = 0.2;
    /// <summary>Multiplies <see cref="VisitProbability"/> by age band (1 outside the bands; the result is capped at 1).</summary>
    public ImmutableArray<AgeFactorConfig> VisitFactorByAge { get; init; } = [];
    /// <summary>Time slots of the opening hours (for example 12 one-hour slots); a visit takes one slot.</summary>
    public int Slots { get; init; } = 12;
    /// <summary>Transmission per co-present contact (an infectious and a susceptible visitor in the same venue and slot).</summary>
    public double Beta { get; init; } = 0.01;
    /// <summary>Co-visitors an infectious visitor meets at most in one visit (drawn at random in crowded slots).</summary>
    public int MaxContacts { get; init; } = 10;
    /// <summary>Colours admitted at the door (all when empty); a person holding another colour is refused and does not visit.</summary>
    public ImmutableArray<string> Admit { get; init; } = [];
    /// <summary>People without a code at the door: admit, refuse or paper (admitted on a paper pass).</summary>
    public string NoCode { get; init; } = "admit";

    /// <summary>The values of <see cref="NoCode"/>.</summary>
    public static readonly ImmutableArray<string> NoCodeChoices = ["admit", "refuse", "paper"];
}
