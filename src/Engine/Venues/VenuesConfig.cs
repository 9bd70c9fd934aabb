using System.Collections.Immutable;

namespace Hcsim.Engine.Venues;

/// <summary>
/// The `venues:` section: venue kinds by name. Without kinds (the section absent) there are no venues and the venue part
/// is not in the day loop.
/// </summary>
public sealed record VenuesConfig
{
    public ImmutableDictionary<string, VenueKindConfig> Kinds { get; init; } = ImmutableDictionary<string, VenueKindConfig>.Empty;

    /// <summary>Whether any venue kind is declared (the part is on).</summary>
    public bool Enabled => !Kinds.IsEmpty;
}
