using System.Collections.Immutable;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Venues;

/// <summary>
/// The <c>trace_venues</c> action: everyone who scanned at the same venue as the person within
/// <see cref="WindowSlots"/> slots of their visits over the last <see cref="Days"/> days (today included) receives a
/// <c>venue_exposure</c> event <see cref="DelayDays"/> days later.
/// </summary>
public sealed record TraceVenuesConfig
{
    public NumberOrParameter WindowSlots { get; init; } = NumberOrParameter.Of(1);
    public NumberOrParameter Days { get; init; } = NumberOrParameter.Of(3);
    public NumberOrParameter DelayDays { get; init; } = NumberOrParameter.Of(1);
    /// <summary>Venue kinds searched (all when empty).</summary>
    public ImmutableArray<string> Kinds { get; init; } = [];
}
