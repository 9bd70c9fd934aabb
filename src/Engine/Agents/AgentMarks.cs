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
    /// <summary>The marks drawn at infection; every other mark is history and survives an infection.</summary>
    Course = Asymptomatic | FeverCourse | DeathCourse,
    /// <summary>Held a non-first colour at least once.</summary>
    EverFlagged = 8,
    /// <summary>Counted as confined (home or central) at the end of at least one day (set by the metrics phase).</summary>
    EverConfined = 16,
    /// <summary>Counted as confined at the end of a day on which they were infected (exposed or infectious).</summary>
    ConfinedWhileInfected = 32,
    /// <summary>Received a positive test result whose sample was taken while infected (set by the testing phase).</summary>
    PositiveSampledInfected = 64,
    /// <summary>Received a positive test result whose sample was taken while never infected (susceptible).</summary>
    PositiveSampledNeverInfected = 128,
}
