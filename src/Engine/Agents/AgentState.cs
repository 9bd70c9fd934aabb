using System.Runtime.CompilerServices;
using Hcsim.Engine.Disease;

namespace Hcsim.Engine.Agents;

/// <summary>
/// All mutable per-agent state of one run, as parallel arrays of length N allocated once. Future events are stored
/// as the day they happen (<see cref="Never"/> for never); nothing counts down. Days are 16-bit (runs are at most
/// 3650 days), which keeps a person's whole state near 24 bytes: a province of 57 million fits in memory.
/// </summary>
public sealed class AgentState
{
    /// <summary>"Never" for event days.</summary>
    public const ushort Never = ushort.MaxValue;

    public AgentState(int size)
    {
        Size = size;
        Stage = new DiseaseStage[size];
        Marks = new AgentMarks[size];
        InfectedDay = Filled(size, Never);
        NextStageDay = Filled(size, Never);
        FeverEndDay = new ushort[size];
        Colour = new byte[size];
        ColourSinceDay = new ushort[size];
        HealthyStreak = new ushort[size];
        CheckInDay = Filled(size, Never);
        FeverReportDay = Filled(size, Never);
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
    public ushort[] InfectedDay { get; }
    /// <summary>Day of the next natural-history transition.</summary>
    public ushort[] NextStageDay { get; }
    /// <summary>Fever (from infection or another cause) on day d iff d &lt; FeverEndDay.</summary>
    public ushort[] FeverEndDay { get; }
    /// <summary>Index into the policy's declared colours (severity order).</summary>
    public byte[] Colour { get; }
    public ushort[] ColourSinceDay { get; }
    /// <summary>Consecutive days with a check-in and no fever report since the last colour change.</summary>
    public ushort[] HealthyStreak { get; }
    public ushort[] CheckInDay { get; }
    public ushort[] FeverReportDay { get; }
    public QuarantineKind[] Quarantine { get; }
    /// <summary>The current (or last) confinement spell covers days [start, end).</summary>
    public ushort[] QuarantineStartDay { get; }
    public ushort[] QuarantineEndDay { get; }
    public ushort[] PendingTestResultDay { get; }
    public TestOutcome[] LastTest { get; }
    /// <summary>Day the last test result arrived.</summary>
    public ushort[] LastTestDay { get; }

    /// <summary>The confinement in force on <paramref name="day"/> (None outside the current spell).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public QuarantineKind ConfinementOn(int agent, int day)
    {
        // Most people are never confined: one byte answers for them without touching the two day columns.
        var kind = Quarantine[agent];
        return kind != QuarantineKind.None && QuarantineStartDay[agent] <= day && day < QuarantineEndDay[agent] ? kind : QuarantineKind.None;
    }

    /// <summary>A day as stored: values beyond the 16-bit range (a very long confinement) mean never.</summary>
    public static ushort Day(long day) => (ushort)Math.Clamp(day, 0, Never);

    private static ushort[] Filled(int size, ushort value)
    {
        var array = new ushort[size];
        Array.Fill(array, value);
        return array;
    }
}
