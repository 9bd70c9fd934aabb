using System.Runtime.CompilerServices;
using Hcsim.Engine.Disease;

namespace Hcsim.Engine.Agents;

/// <summary>
/// All mutable per-agent state of one run, as parallel arrays of length N allocated once. Future events are stored
/// as the day they happen (<see cref="Never"/> for never); nothing counts down. Days are 16-bit (runs are at most
/// 3650 days), which keeps a person's whole state at 32 bytes: a province of 57 million fits in memory.
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
        Confinement = new ConfinementKind[size];
        ConfinementStartDay = Filled(size, Never);
        ConfinementEndDay = Filled(size, Never);
        PreviousConfinement = new ConfinementKind[size];
        PreviousConfinementStartDay = new ushort[size];
        PreviousConfinementEndDay = new ushort[size];
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
    /// <summary>
    /// Kind of the current (or last) confinement spell, which covers days [start, end); None only for a person never
    /// confined. A spell is a run of days of one kind: an upgrade from home to central ends the home spell and starts a
    /// central one, and a release ends the spell. Written only through <see cref="Confine"/> and <see cref="Release"/>.
    /// </summary>
    public ConfinementKind[] Confinement { get; }
    public ushort[] ConfinementStartDay { get; }
    public ushort[] ConfinementEndDay { get; }
    /// <summary>
    /// The spell before the current one (None when there was none): kept so that tracing reads the confinement in force
    /// on past days. Two spells are remembered; an older one reads as free.
    /// </summary>
    public ConfinementKind[] PreviousConfinement { get; }
    public ushort[] PreviousConfinementStartDay { get; }
    public ushort[] PreviousConfinementEndDay { get; }
    public ushort[] PendingTestResultDay { get; }
    public TestOutcome[] LastTest { get; }
    /// <summary>Day the last test result arrived.</summary>
    public ushort[] LastTestDay { get; }

    /// <summary>
    /// The confinement in force on <paramref name="day"/>, read from the last two spells (None on a day in neither: free,
    /// or confined in an older spell that is no longer remembered).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ConfinementKind ConfinementOn(int agent, int day)
    {
        // Most people are never confined: one byte answers for them without touching the day columns.
        var kind = Confinement[agent];
        if (kind == ConfinementKind.None)
        {
            return ConfinementKind.None;
        }
        if (day >= ConfinementStartDay[agent])
        {
            return day < ConfinementEndDay[agent] ? kind : ConfinementKind.None;
        }
        return PreviousConfinementStartDay[agent] <= day && day < PreviousConfinementEndDay[agent] ? PreviousConfinement[agent] : ConfinementKind.None;
    }

    /// <summary>
    /// Days confined without a break up to <paramref name="day"/>, that day included (0 when free): a home quarantine
    /// upgraded to central isolation counts as one confinement.
    /// </summary>
    public int ConfinedDaysOn(int agent, int day)
    {
        if (ConfinementOn(agent, day) == ConfinementKind.None)
        {
            return 0;
        }
        if (day < ConfinementStartDay[agent])
        {
            return day - PreviousConfinementStartDay[agent] + 1;
        }
        var start = ConfinementStartDay[agent];
        var joined = PreviousConfinement[agent] != ConfinementKind.None && PreviousConfinementEndDay[agent] == start;
        return day - (joined ? PreviousConfinementStartDay[agent] : start) + 1;
    }

    /// <summary>
    /// Confines <paramref name="agent"/> from <paramref name="start"/> (a day not yet simulated) until
    /// <paramref name="end"/> (exclusive). A spell in force on <paramref name="start"/> is extended (the later end wins);
    /// a stricter kind ends it and starts a new spell of that kind, so the days already spent stay as they were.
    /// </summary>
    /// <returns>The confinement in force on <paramref name="start"/> before the call.</returns>
    public ConfinementKind Confine(int agent, ConfinementKind kind, ushort start, ushort end)
    {
        var ongoing = ConfinementOn(agent, start);
        if (ongoing == ConfinementKind.None)
        {
            StartSpell(agent, kind, start, end);
        }
        else if (kind <= ongoing || ConfinementStartDay[agent] >= start)
        {
            // Same or milder kind, or a spell that has not begun yet: one spell, the stricter kind, the later end.
            Confinement[agent] = (ConfinementKind)Math.Max((byte)ongoing, (byte)kind);
            ConfinementEndDay[agent] = Math.Max(ConfinementEndDay[agent], end);
        }
        else
        {
            var upgradedEnd = Math.Max(ConfinementEndDay[agent], end);
            ConfinementEndDay[agent] = start;
            StartSpell(agent, kind, start, upgradedEnd);
        }
        return ongoing;
    }

    /// <summary>Ends the confinement in force on <paramref name="from"/> at that day; returns what was in force.</summary>
    public ConfinementKind Release(int agent, ushort from)
    {
        var confined = ConfinementOn(agent, from);
        if (confined != ConfinementKind.None)
        {
            ConfinementEndDay[agent] = from;
        }
        return confined;
    }

    private void StartSpell(int agent, ConfinementKind kind, ushort start, ushort end)
    {
        // A spell released before it began held no day: it is dropped rather than remembered.
        if (Confinement[agent] != ConfinementKind.None && ConfinementStartDay[agent] < ConfinementEndDay[agent])
        {
            PreviousConfinement[agent] = Confinement[agent];
            PreviousConfinementStartDay[agent] = ConfinementStartDay[agent];
            PreviousConfinementEndDay[agent] = ConfinementEndDay[agent];
        }
        Confinement[agent] = kind;
        ConfinementStartDay[agent] = start;
        ConfinementEndDay[agent] = end;
    }

    /// <summary>
    /// The last trip abroad (travel between regions): away from home on days [AwayFrom, AwayUntil). Null unless the run
    /// has travel (<see cref="TrackTrips"/>); while away a person meets nobody at home (contacts, venues).
    /// </summary>
    public ushort[]? AwayFrom { get; private set; }
    public ushort[]? AwayUntil { get; private set; }

    /// <summary>Allocates <see cref="AwayFrom"/> and <see cref="AwayUntil"/> (nobody away); called once when travel is on.</summary>
    public void TrackTrips()
    {
        AwayFrom ??= new ushort[Size];
        AwayUntil ??= new ushort[Size];
    }

    /// <summary>Whether the person is away on a trip on <paramref name="day"/> (always false without travel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAway(int agent, int day) => AwayUntil is { } until && day < until[agent] && day >= AwayFrom![agent];

    /// <summary>A day as stored: values beyond the 16-bit range (a very long confinement) mean never.</summary>
    public static ushort Day(long day) => (ushort)Math.Clamp(day, 0, Never);

    private static ushort[] Filled(int size, ushort value)
    {
        var array = new ushort[size];
        Array.Fill(array, value);
        return array;
    }
}
