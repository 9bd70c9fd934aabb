using Hcsim.Engine.Agents;

namespace Hcsim.Engine.Rules;

/// <summary>A rule action with names resolved to indices and parameters to numbers.</summary>
public readonly record struct CompiledAction
{
    public ActionKind Kind { get; init; }
    /// <summary>Colour index for SetColour and Release.</summary>
    public byte Colour { get; init; }
    public ConfinementKind Where { get; init; }
    /// <summary>Confinement days for Confine; -1 means until released.</summary>
    public int Days { get; init; }
    /// <summary>Test kind index for Test.</summary>
    public int TestKind { get; init; }
    /// <summary>Bit per <see cref="Contacts.ContactLayer"/> for Trace.</summary>
    public byte Layers { get; init; }
    public int TraceDays { get; init; }
    public int DelayDays { get; init; }
    /// <summary>Slots either side of the case's visit for TraceVenues.</summary>
    public int WindowSlots { get; init; }
    /// <summary>Venue kinds searched by TraceVenues (all when empty).</summary>
    public System.Collections.Immutable.ImmutableArray<string> VenueKinds { get; init; }
}
