namespace Hcsim.Engine.Agents;

/// <summary>Names of the confinement kinds as rules read them and outputs write them, indexed by <see cref="QuarantineKind"/>.</summary>
public static class QuarantineKinds
{
    public static readonly string[] Names = ["none", "home", "central"];
}
