namespace Hcsim.Engine.Metrics;

public enum PersonEventKind : byte
{
    /// <summary>Disease stage changed (From/To are <see cref="Disease.DiseaseStage"/> values).</summary>
    Stage = 0,
    /// <summary>Code colour changed (From/To are colour indices).</summary>
    Colour = 1,
    /// <summary>Confinement started, was upgraded or ended (From/To are <see cref="Agents.ConfinementKind"/> values).</summary>
    Confinement = 2,
}
