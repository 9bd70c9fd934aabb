namespace Hcsim.Engine.Agents;

/// <summary>Names of the confinement kinds as rules read them and outputs write them, indexed by <see cref="ConfinementKind"/>.</summary>
public static class ConfinementKinds
{
    public static readonly string[] Names = ["none", "home", "central"];
}
