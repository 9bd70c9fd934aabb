using System.Collections.Immutable;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.MassTesting;

/// <summary>When a round runs: its listed days, or every K days from its start day to its end day (inclusive).</summary>
public sealed class MassTestingSchedule(MassTestingRoundConfig round)
{
    private readonly ImmutableHashSet<int> _days = [.. round.Days];

    public bool RunsOn(int day) =>
        _days.Count > 0
            ? _days.Contains(day)
            : day >= round.StartDay && day <= round.EndDay && (day - round.StartDay) % Math.Max(1, round.EveryDays) == 0;
}
