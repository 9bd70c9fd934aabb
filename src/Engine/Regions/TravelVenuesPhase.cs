using Hcsim.Engine.Phases;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Venues;

namespace Hcsim.Engine.Regions;

/// <summary>
/// Visitors from other regions at this region's venues (travel and venues both on): runs after the venue part has
/// grouped the residents' visits of the day; see <see cref="TravelPhase.MeetAtVenues"/>.
/// </summary>
public sealed class TravelVenuesPhase(TravelPhase travel, VenuePhase venues, VenueLayout layout) : IDayPhase
{
    public string Name => "travel_venues";

    public void Step(SimulationState state, int day) => travel.MeetAtVenues(state, day, venues, layout);
}
