namespace Hcsim.Engine.Contacts;

/// <summary>The contact layers, in the fixed order used for tie-breaking and output.</summary>
public enum ContactLayer : byte
{
    Household = 0,
    Work = 1,
    School = 2,
    Community = 3,
}
