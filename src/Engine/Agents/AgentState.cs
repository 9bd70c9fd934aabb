using System.Runtime.CompilerServices;
using Hcsim.Engine.Disease;

namespace Hcsim.Engine.Agents;

/// <summary>
/// All mutable per-agent state of one run, as parallel arrays of length N allocated once. Future events are stored
/// as the day they happen (<see cref="Never"/> for never); nothing counts down.
/// </summary>
public sealed class AgentState
{
    /// <summary>"Never" for event days.</summary>
    public const int Never = int.MaxValue;

    public AgentState(int size)
    {
        Size = size;
        Stage = new DiseaseStage[size];
        Marks = new AgentMarks[size];
        InfectedDay = Filled(size, Never);
        NextStageDay = Filled(size, Never);
        FeverEndDay = new int[size];
        Colour = new byte[size];
        ColourSinceDay = new int[size];
        HealthyStreak = new int[size];
        CheckInDay = Filled(size, -1);
        FeverReportDay = Filled(size, -1);
        Quarantine = new QuarantineKind[size];
        QuarantineStartDay = Filled(size, Never);
        QuarantineEndDay = Filled(size, Never);
        PendingTestResultDay = Filled(size, Never);
        LastTest = new TestOutcome[size];
        LastTestDay = Filled(size, Never);
    }

    public int Size { get; }
    public DiseaseStage[] Stage { get; }
    public AgentMarks[] Marks { get; }
    public int[] InfectedDay { get; }
    /// <summary>Day of the next natural-history transition.</summary>
    public int[] NextStageDay { get; }
    /// <summary>Fever (from infection or another cause) on day d iff d &lt; FeverEndDay.</summary>
    public int[] FeverEndDay { get; }
    /// <summary>Index into the policy's declared colours (severity order).</summary>
    public byte[] Colour { get; }
    public int[] ColourSinceDay { get; }
    /// <summary>Consecutive days with a check-in and no fever report since the last colour change.</summary>
    public int[] HealthyStreak { get; }
    public int[] CheckInDay { get; }
    public int[] FeverReportDay { get; }
    public QuarantineKind[] Quarantine { get; }
    /// <summary>The current (or last) confinement spell covers days [start, end).</summary>
    public int[] QuarantineStartDay { get; }
    public int[] QuarantineEndDay { get; }
    public int[] PendingTestResultDay { get; }
    public TestOutcome[] LastTest { get; }
    /// <summary>Day the last test result arrived.</summary>
    public int[] LastTestDay { get; }

    /// <summary>The confinement in force on <paramref name="day"/> (None outside the current spell).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public QuarantineKind ConfinementOn(int agent, int day)
    {
        // Most people are never confined: one byte answers for them without touching the two day columns.
        var kind = Quarantine[agent];
        return kind != QuarantineKind.None && QuarantineStartDay[agent] <= day && day < QuarantineEndDay[agent] ? kind : QuarantineKind.None;
    }

    private static int[] Filled(int size, int value)
    {
        var array = new int[size];
        Array.Fill(array, value);
        return array;
    }
}
