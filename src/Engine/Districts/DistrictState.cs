using System.Collections.Immutable;

namespace Hcsim.Engine.Districts;

/// <summary>
/// The districts part's state in one run: the (shared, read-only) <see cref="Map"/>, and per district its risk level,
/// its confirmed cases over the trailing window and the days behind the step-down rule. The risk part
/// (<see cref="DistrictRiskPhase"/>) writes it once a day; rules read it as the facts <c>district</c>,
/// <c>district_risk</c>, <c>district_risk_level</c> and <c>district_cases</c>.
/// </summary>
public sealed class DistrictState
{
    /// <summary>Day of the last case of a district that has had none.</summary>
    public const int NoCaseDay = -1_000_000;

    private readonly ulong[] _confirmed;

    public DistrictState(DistrictMap map, DistrictsConfig config)
    {
        Map = map;
        LevelNames = [.. config.Levels.Select(l => l.Name)];
        MinCases = [.. config.Levels.Select(l => l.MinCases)];
        WindowDays = config.WindowDays;
        QuietDays = config.QuietDays;
        Level = new byte[map.Count];
        CasesInWindow = new int[map.Count];
        LastCaseDay = new int[map.Count];
        Array.Fill(LastCaseDay, NoCaseDay);
        LevelSinceDay = new int[map.Count];
        Array.Fill(LevelSinceDay, NoCaseDay);
        _confirmed = new ulong[(map.DistrictOf.Length + 63) / 64];
    }

    public DistrictMap Map { get; }
    /// <summary>Level names from lowest to highest (index = <see cref="Level"/>).</summary>
    public ImmutableArray<string> LevelNames { get; }
    /// <summary>Confirmed cases in the window that raise a district to each level.</summary>
    public ImmutableArray<int> MinCases { get; }
    public int WindowDays { get; }
    public int QuietDays { get; }
    /// <summary>Each district's risk level today (index into <see cref="LevelNames"/>).</summary>
    public byte[] Level { get; }
    /// <summary>Each district's confirmed cases over the last <see cref="WindowDays"/> days, today included.</summary>
    public int[] CasesInWindow { get; }
    /// <summary>The confirmed cases in the window, oldest first: (day of the result, district); memory grows with the cases, not the districts.</summary>
    public Queue<(int Day, int District)> WindowCases { get; } = new();
    /// <summary>Each district's last day with a confirmed case (<see cref="NoCaseDay"/> when none).</summary>
    public int[] LastCaseDay { get; }
    /// <summary>The day each district's level last changed (<see cref="NoCaseDay"/> when it never did).</summary>
    public int[] LevelSinceDay { get; }

    /// <summary>Marks a person's first positive result; false when they were already a confirmed case.</summary>
    public bool Confirm(int agent)
    {
        var bit = 1UL << (agent & 63);
        ref var word = ref _confirmed[agent >> 6];
        if ((word & bit) != 0)
        {
            return false;
        }
        word |= bit;
        return true;
    }
}
