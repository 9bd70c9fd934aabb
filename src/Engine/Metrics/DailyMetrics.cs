using System.Collections.Immutable;

namespace Hcsim.Engine.Metrics;

/// <summary>
/// The per-day counters of one run, preallocated for every day and filled by the metrics phase. Day d's row describes
/// the state at the end of day d, after the health-code rules; confinement counts are the people confined at the end of
/// day d (their confinement cuts contacts from day d+1 on).
/// </summary>
public sealed class DailyMetrics
{
    public DailyMetrics(int days, ImmutableArray<string> colours)
    {
        Days = days;
        DaysSimulated = days;
        Colours = colours;
        ColourCounts = colours.Select(_ => new int[days]).ToArray();
        NewColour = colours.Select(_ => new int[days]).ToArray();
        Susceptible = new int[days];
        Exposed = new int[days];
        Infectious = new int[days];
        Recovered = new int[days];
        Dead = new int[days];
        QuarantinedHome = new int[days];
        QuarantinedCentral = new int[days];
        NewInfections = new int[days];
        Tests = new int[days];
        PositiveTests = new int[days];
        Flagged = new int[days];
        FlaggedUninfected = new int[days];
        FlaggedNeverInfected = new int[days];
        QuarantinedUninfected = new int[days];
        InfectiousFree = new int[days];
    }

    public int Days { get; }
    /// <summary>Days actually simulated: <see cref="Days"/> unless the run stopped early (rows after it are not defined).</summary>
    public int DaysSimulated { get; private set; }
    /// <summary>Declared colours, severity order; the first is the unflagged colour.</summary>
    public ImmutableArray<string> Colours { get; }

    public int[] Susceptible { get; }
    public int[] Exposed { get; }
    public int[] Infectious { get; }
    public int[] Recovered { get; }
    public int[] Dead { get; }
    /// <summary>Indexed by colour (declared order), then day.</summary>
    public int[][] ColourCounts { get; }
    /// <summary>Indexed by colour (declared order), then day: people whose colour became this one today.</summary>
    public int[][] NewColour { get; }
    public int[] QuarantinedHome { get; }
    public int[] QuarantinedCentral { get; }
    public int[] NewInfections { get; }
    public int[] Tests { get; }
    public int[] PositiveTests { get; }
    public int[] Flagged { get; }
    public int[] FlaggedUninfected { get; }
    public int[] FlaggedNeverInfected { get; }
    public int[] QuarantinedUninfected { get; }
    public int[] InfectiousFree { get; }

    /// <summary>Marks the run as stopped at the end of <paramref name="lastDay"/>.</summary>
    public void StopAfter(int lastDay) => DaysSimulated = lastDay + 1;

    /// <summary>
    /// Every daily column in output order with its definition; the single source for the Parquet schema and the
    /// README's column table. The leading <c>variant, replicate, day</c> keys are added by the writer.
    /// </summary>
    public IReadOnlyList<DailyColumn> Columns()
    {
        var columns = new List<DailyColumn>
        {
            new("susceptible", "People never infected (state S) at the end of the day.", Susceptible),
            new("exposed", "People infected but not yet infectious (state E).", Exposed),
            new("infectious", "People infectious: presymptomatic, symptomatic or asymptomatic.", Infectious),
            new("recovered", "People recovered (state R).", Recovered),
            new("dead", "People dead (cumulative).", Dead),
        };
        for (var c = 0; c < Colours.Length; c++)
        {
            columns.Add(new(Colours[c], $"People holding the {Colours[c]} code at the end of the day (alive only).", ColourCounts[c]));
        }
        columns.Add(new("quarantined_home", "People in home quarantine at the end of the day.", QuarantinedHome));
        columns.Add(new("quarantined_central", "People in central isolation at the end of the day.", QuarantinedCentral));
        columns.Add(new("new_infections", "People infected by transmission today (initial infections count on day 0).", NewInfections));
        for (var c = 1; c < Colours.Length; c++)
        {
            columns.Add(new($"new_{Colours[c]}", $"People whose code became {Colours[c]} today.", NewColour[c]));
        }
        columns.Add(new("tests", "Test results reported today.", Tests));
        columns.Add(new("positive_tests", "Positive test results reported today.", PositiveTests));
        columns.Add(new("flagged", "People holding a code other than the first colour (alive).", Flagged));
        columns.Add(new("flagged_uninfected", "Flagged people who are not infected (susceptible or recovered).", FlaggedUninfected));
        columns.Add(new("flagged_never_infected", "Flagged people who have never been infected (susceptible).", FlaggedNeverInfected));
        columns.Add(new("quarantined_uninfected", "Confined people (home or central) who are not infected.", QuarantinedUninfected));
        columns.Add(new("infectious_free", "Infectious people holding the first colour and not confined: missed person-days.", InfectiousFree));
        return columns;
    }
}
