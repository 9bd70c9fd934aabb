using Hcsim.Engine.Metrics;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Districts;

/// <summary>
/// The districts part's daily step, after test results arrive and before the health-code rules: counts today's
/// confirmed cases by district, and moves each district's risk level.
/// </summary>
/// <remarks>
/// A confirmed case is a person's first positive result of the run, counted in the person's district on the day the
/// result arrives. A district's window count is its confirmed cases over the last <c>window_days</c> days, today
/// included. Up: a district rises at once to the highest level whose <c>min_cases</c> the window count reaches.
/// Down: a district above that level steps down one level on a day when it has had no new case for <c>quiet_days</c>
/// days and has held its level for <c>quiet_days</c> days, so each further step takes another <c>quiet_days</c> quiet
/// days; it never steps below the level its window count calls for. Rules see today's levels the same day.
/// </remarks>
public sealed class DistrictRiskPhase : IDayPhase
{
    private readonly DistrictState _districts;
    private readonly int[] _today;
    private readonly int[][] _atLevel;

    public DistrictRiskPhase(DistrictState districts, DailyMetrics daily)
    {
        _districts = districts;
        _today = new int[districts.Map.Count];
        _atLevel = [.. Columns(districts.LevelNames).Select(daily.AddPartColumn)];
    }

    public string Name => "district_risk";

    /// <summary>The daily columns: <c>districts_LEVEL</c> for each level, in level order.</summary>
    public static IReadOnlyList<PartColumn> Columns(IReadOnlyList<string> levelNames) =>
        [.. levelNames.Select(l => new PartColumn($"districts_{l}", $"Districts at risk level {l} today (after today's confirmed cases)."))];

    public void Step(SimulationState state, int day)
    {
        var d = _districts;
        Array.Clear(_today);
        var districtOf = d.Map.DistrictOf;
        foreach (var result in state.TestResults)
        {
            if (result.Positive && d.Confirm(result.Agent))
            {
                var home = districtOf[result.Agent];
                _today[home]++;
                d.CasesInWindow[home]++;
                d.WindowCases.Enqueue((day, home));
            }
        }
        // The window is [day - window_days + 1, day]: cases from before it leave.
        while (d.WindowCases.Count > 0 && d.WindowCases.Peek().Day <= day - d.WindowDays)
        {
            d.CasesInWindow[d.WindowCases.Dequeue().District]--;
        }
        for (var district = 0; district < _today.Length; district++)
        {
            if (_today[district] > 0)
            {
                d.LastCaseDay[district] = day;
            }
            var target = TargetLevel(d, d.CasesInWindow[district]);
            var level = d.Level[district];
            if (target > level)
            {
                d.Level[district] = (byte)target;
                d.LevelSinceDay[district] = day;
            }
            else if (target < level && day - d.LastCaseDay[district] >= d.QuietDays && day - d.LevelSinceDay[district] >= d.QuietDays)
            {
                d.Level[district] = (byte)Math.Max(target, level - 1);
                d.LevelSinceDay[district] = day;
            }
            _atLevel[d.Level[district]][day]++;
        }
    }

    /// <summary>The highest level whose min_cases the window count reaches (levels are in increasing min_cases).</summary>
    private static int TargetLevel(DistrictState d, int cases)
    {
        var level = 0;
        for (var l = 1; l < d.MinCases.Length; l++)
        {
            if (cases >= d.MinCases[l])
            {
                level = l;
            }
        }
        return level;
    }
}
