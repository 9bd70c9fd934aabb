using System.Collections.Immutable;

namespace Hcsim.Engine.Venues;

/// <summary>A <c>trace_venues</c> action applied to <see cref="Agent"/>: its window, days, delay and kinds (all when empty).</summary>
public readonly record struct VenueTraceRequest(int Agent, int WindowSlots, int Days, int DelayDays, ImmutableArray<string> Kinds);
