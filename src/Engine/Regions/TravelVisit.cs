using Hcsim.Engine.Disease;

namespace Hcsim.Engine.Regions;

/// <summary>
/// A traveller present at a destination, posted by the home region on day d and read by the destination on day d + 1:
/// the traveller's true stage and age, and whether this is the first day there; on that day also what the traveller
/// shows the destination's arrival rules (null on the other days).
/// </summary>
public readonly record struct TravelVisit(int Origin, int Person, int Destination, DiseaseStage Stage, byte Age, bool Arriving, TravellerRecord? Shown = null);
