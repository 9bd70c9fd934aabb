using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Infections arriving from outside the population: each day in [<see cref="StartDay"/>, <see cref="EndDay"/>] a number of
/// susceptible residents, chosen at random, become infected (exposed), plus the counts listed in <see cref="Schedule"/>.
/// Absent (null in <see cref="ModelConfig"/>) means no importations and no <c>imported_infections</c> column.
/// </summary>
public sealed record ImportationsConfig
{
    /// <summary>Mean imported infections per day (in [0, 500]).</summary>
    public double DailyRate { get; init; }
    /// <summary><c>poisson</c>: a Poisson count with mean <see cref="DailyRate"/> each day; <c>fixed</c>: exactly the rate, fractions carried over (0.5 = one every second day).</summary>
    public string Distribution { get; init; } = "poisson";
    /// <summary>First day of the daily rate.</summary>
    public int StartDay { get; init; }
    /// <summary>Last day of the daily rate (inclusive).</summary>
    public int EndDay { get; init; } = ScenarioValidator.MaxDays;
    /// <summary>Extra importations on listed days, added to the daily rate.</summary>
    public ImmutableArray<ImportationDayConfig> Schedule { get; init; } = [];
}
