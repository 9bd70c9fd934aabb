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
        PositiveTestsNeverInfected = new int[days];
        PositiveTestsInfected = new int[days];
        PositiveTestsRecovered = new int[days];
        Flagged = new int[days];
        FlaggedNeverInfected = new int[days];
        FlaggedInfected = new int[days];
        FlaggedRecovered = new int[days];
        ConfinedNeverInfected = new int[days];
        ConfinedInfected = new int[days];
        ConfinedRecovered = new int[days];
        InfectiousFree = new int[days];
        InfectiousUnflagged = new int[days];
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
    /// <summary>Positive results reported today whose sample was taken while the person was susceptible.</summary>
    public int[] PositiveTestsNeverInfected { get; }
    /// <summary>Positive results reported today whose sample was taken while the person was exposed or infectious.</summary>
    public int[] PositiveTestsInfected { get; }
    /// <summary>Positive results reported today whose sample was taken while the person was recovered.</summary>
    public int[] PositiveTestsRecovered { get; }
    public int[] Flagged { get; }
    public int[] FlaggedNeverInfected { get; }
    public int[] FlaggedInfected { get; }
    public int[] FlaggedRecovered { get; }
    public int[] ConfinedNeverInfected { get; }
    public int[] ConfinedInfected { get; }
    public int[] ConfinedRecovered { get; }
    /// <summary>Infectious and not confined, whatever the colour: the missed person-days.</summary>
    public int[] InfectiousFree { get; }
    /// <summary>Infectious and holding the first colour, confined or not.</summary>
    public int[] InfectiousUnflagged { get; }

    private readonly List<DailyColumn> _partColumns = [];

    /// <summary>
    /// Adds the column of a part this run switches on (see <c>SimulationRun.PartColumns</c>): it follows the core columns,
    /// in the order added. Returns its values, one per day, for the part to fill.
    /// </summary>
    public int[] AddPartColumn(PartColumn column)
    {
        var values = new int[Days];
        _partColumns.Add(new DailyColumn(column.Name, column.Definition, values));
        return values;
    }

    /// <summary>The columns added by parts (<see cref="AddPartColumn"/>), in the order added.</summary>
    public IReadOnlyList<DailyColumn> PartColumns => _partColumns;

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
        columns.Add(new("new_infections", "People infected today: by transmission, plus imported_infections when importations are on (initial infections count on day 0).", NewInfections));
        for (var c = 1; c < Colours.Length; c++)
        {
            columns.Add(new($"new_{Colours[c]}", $"People whose code became {Colours[c]} today.", NewColour[c]));
        }
        columns.Add(new("tests", "Test results reported today.", Tests));
        columns.Add(new("positive_tests", "Positive test results reported today.", PositiveTests));
        columns.Add(new("positive_tests_never_infected", "Positive results reported today whose sample was taken while the person was never infected (susceptible): false confirmations.", PositiveTestsNeverInfected));
        columns.Add(new("positive_tests_infected", "Positive results reported today whose sample was taken while the person was infected (exposed or infectious): true confirmations.", PositiveTestsInfected));
        columns.Add(new("positive_tests_recovered", "Positive results reported today whose sample was taken while the person was recovered.", PositiveTestsRecovered));
        columns.Add(new("flagged", "People holding a code other than the first colour (alive).", Flagged));
        columns.Add(new("flagged_never_infected", "Flagged people who have never been infected (susceptible): the true false positives.", FlaggedNeverInfected));
        columns.Add(new("flagged_infected", "Flagged people who are infected (exposed or infectious).", FlaggedInfected));
        columns.Add(new("flagged_recovered", "Flagged people who are recovered: held after the infection is over.", FlaggedRecovered));
        columns.Add(new("confined_never_infected", "Confined people (home or central) who have never been infected (susceptible).", ConfinedNeverInfected));
        columns.Add(new("confined_infected", "Confined people (home or central) who are infected (exposed or infectious).", ConfinedInfected));
        columns.Add(new("confined_recovered", "Confined people (home or central) who are recovered: held after the infection is over.", ConfinedRecovered));
        columns.Add(new("infectious_free", "Infectious people not confined (neither home nor central), whatever their colour: missed person-days.", InfectiousFree));
        columns.Add(new("infectious_unflagged", "Infectious people holding the first colour, confined or not.", InfectiousUnflagged));
        columns.AddRange(_partColumns);
        return columns;
    }
}
