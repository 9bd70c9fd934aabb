namespace Hcsim.Engine.Venues;

/// <summary>
/// Co-location flagging reached <see cref="Target"/>: they scanned at a venue of kind <see cref="Kind"/> within the
/// window of a visit of <see cref="Source"/>, <see cref="DaysAgo"/> days before the trace.
/// </summary>
public readonly record struct VenueExposure(int Target, int Source, string Kind, int DaysAgo);
