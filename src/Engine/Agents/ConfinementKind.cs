namespace Hcsim.Engine.Agents;

/// <summary>Kinds of confinement, in increasing strictness (a stricter request upgrades an ongoing one).</summary>
public enum ConfinementKind : byte
{
    None = 0,
    /// <summary>Home quarantine: household contacts only.</summary>
    Home = 1,
    /// <summary>Central isolation: no contacts.</summary>
    Central = 2,
}
