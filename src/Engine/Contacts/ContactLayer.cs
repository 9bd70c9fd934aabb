namespace Hcsim.Engine.Contacts;

/// <summary>The contact layers, in the fixed order used for tie-breaking and output.</summary>
public enum ContactLayer : byte
{
    Household = 0,
    Work = 1,
    School = 2,
    Community = 3,
    /// <summary>Co-presence at a venue (the venues part); not a daily-contact layer: `trace` does not search it.</summary>
    Venue = 4,
}
