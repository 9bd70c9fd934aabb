namespace Hcsim.Engine.Regions;

/// <summary>A traveller infected at the destination, posted back to the home region, which infects them the next day.</summary>
public readonly record struct TravelInfection(int Origin, int Person);
