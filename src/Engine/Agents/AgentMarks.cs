namespace Hcsim.Engine.Agents;

/// <summary>Per-agent bit flags fixed at infection or set once.</summary>
[Flags]
public enum AgentMarks : byte
{
    None = 0,
    /// <summary>This infection will be asymptomatic.</summary>
    Asymptomatic = 1,
    /// <summary>This infection brings fever during the symptomatic stage.</summary>
    FeverCourse = 2,
    /// <summary>This infection ends in death.</summary>
    DeathCourse = 4,
    /// <summary>Held a non-first colour at least once.</summary>
    EverFlagged = 8,
}
