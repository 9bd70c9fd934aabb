using System.Collections.Immutable;

namespace Hcsim.Engine.Regions;

/// <summary>A region's place in a multi-region run with travel: its index, every region's name, and the travel desk.</summary>
public sealed record RegionLink(int Index, ImmutableArray<string> Names, TravelDesk Desk);
