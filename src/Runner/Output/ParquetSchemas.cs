using System.Collections.Immutable;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Parquet.Schema;

namespace Hcsim.Runner.Output;

/// <summary>
/// The Parquet schemas of <c>daily.parquet</c> and <c>summary.parquet</c>, with a definition per column: the single
/// source for the writers and for the README's column tables. The daily metric columns come from
/// <see cref="DailyMetrics.Columns"/>; this type adds only the row keys.
/// </summary>
public static class ParquetSchemas
{
    /// <summary>Leading key columns of every daily row, before the metric columns.</summary>
    public static ImmutableArray<(string Name, string Type, string Definition)> DailyKeyColumns { get; } =
    [
        ("variant", "string", "Variant name as declared in the scenario (the baseline first)."),
        ("replicate", "int32", "Replicate number, 0-based; replicate r uses the same seed in every variant."),
        ("region", "string", "Region the row describes, as declared in the scenario's `regions`; `main` in a single-region scenario."),
        ("day", "int32", "Simulated day, 0-based; the row describes the state at the end of that day."),
    ];

    public static ImmutableArray<SummaryColumn> SummaryColumns { get; } =
    [
        new("variant", typeof(string), false, "Variant name as declared in the scenario.", s => s.Variant),
        new("replicate", typeof(int), false, "Replicate number, 0-based.", s => s.Replicate),
        new("region", typeof(string), false, "Region the row describes, as declared in the scenario's `regions`; `main` in a single-region scenario. A multi-region run has one row per region.", s => s.Region),
        new("seed", typeof(long), false, "Seed of this replicate (the same in every variant); the bits of the unsigned 64-bit seed.", s => unchecked((long)s.Seed)),
        new("population", typeof(int), false, "People in the synthetic population.", s => s.Population),
        new("days", typeof(int), false, "Days simulated (fewer than the scenario's days when the run stopped early).", s => s.Days),
        new("stopped_early", typeof(int), false, "1 when the run stopped early because nothing was left to happen (stop_when_clear), else 0.", s => s.StoppedEarly ? 1 : 0),
        new("total_infections", typeof(int), false, "People ever infected, initial infections included.", s => s.TotalInfections),
        new("attack_rate", typeof(double), false, "total_infections / population.", s => s.AttackRate),
        new("peak_infectious", typeof(int), false, "Largest daily infectious count.", s => s.PeakInfectious),
        new("peak_quarantined", typeof(int), false, "Largest daily quarantined_home + quarantined_central.", s => s.PeakQuarantined),
        new("quarantine_person_days", typeof(long), false, "Sum over days of quarantined_home + quarantined_central.", s => s.QuarantinePersonDays),
        new("never_infected_confined_person_days", typeof(long), false, "Sum over days of confined_never_infected: people confined while never infected (the cost of false positives).", s => s.NeverInfectedConfinedPersonDays),
        new("infected_confined_person_days", typeof(long), false, "Sum over days of confined_infected: people confined while exposed or infectious.", s => s.InfectedConfinedPersonDays),
        new("recovered_confined_person_days", typeof(long), false, "Sum over days of confined_recovered: people still confined after their infection is over.", s => s.RecoveredConfinedPersonDays),
        new("flagged_person_days", typeof(long), false, "Sum over days of flagged (people holding a non-first colour).", s => s.FlaggedPersonDays),
        new("never_infected_flagged_person_days", typeof(long), false, "Sum over days of flagged_never_infected.", s => s.NeverInfectedFlaggedPersonDays),
        new("infected_flagged_person_days", typeof(long), false, "Sum over days of flagged_infected.", s => s.InfectedFlaggedPersonDays),
        new("recovered_flagged_person_days", typeof(long), false, "Sum over days of flagged_recovered.", s => s.RecoveredFlaggedPersonDays),
        new("false_positive_share", typeof(double), true, "never_infected_flagged_person_days / flagged_person_days; empty when nobody was flagged.", s => s.FalsePositiveShare),
        new("never_infected_flagged", typeof(int), false, "People flagged at least once and never infected by the end of the run.", s => s.NeverInfectedFlagged),
        new("people_confined", typeof(int), false, "People confined (home or central) at the end of at least one day.", s => s.PeopleConfined),
        new("never_infected_confined", typeof(int), false, "People confined at least once and never infected by the end of the run.", s => s.NeverInfectedConfined),
        new("confined_while_infected", typeof(int), false, "People confined at the end of at least one day on which they were infected (exposed or infectious).", s => s.ConfinedWhileInfected),
        new("missed_person_days", typeof(long), false, "Sum over days of infectious_free (infectious and not confined, whatever the colour).", s => s.MissedPersonDays),
        new("infectious_unflagged_person_days", typeof(long), false, "Sum over days of infectious_unflagged (infectious and holding the first colour).", s => s.InfectiousUnflaggedPersonDays),
        new("tests_total", typeof(int), false, "Test results reported over the run.", s => s.TestsTotal),
        new("positive_tests_total", typeof(int), false, "Sum over days of positive_tests.", s => s.PositiveTestsTotal),
        new("cases_detected", typeof(int), false, "People with at least one positive result whose sample was taken while infected (exposed or infectious).", s => s.CasesDetected),
        new("false_confirmations", typeof(int), false, "People with at least one positive result whose sample was taken while never infected (susceptible).", s => s.FalseConfirmations),
        new("confirmation_ppv", typeof(double), true, "Positive predictive value of positive results: sum of positive_tests_infected / sum of positive_tests; empty when no result was positive.", s => s.ConfirmationPpv),
        new("never_infected_confined_per_case", typeof(double), true, "never_infected_confined / cases_detected; empty when no case was detected.", s => s.NeverInfectedConfinedPerCase),
        new("never_infected_confined_person_days_per_case", typeof(double), true, "never_infected_confined_person_days / cases_detected; empty when no case was detected.", s => s.NeverInfectedConfinedPersonDaysPerCase),
        new("confined_at_end", typeof(int), false, "People still confined after the last simulated day (the last row's quarantined_home + quarantined_central).", s => s.ConfinedAtEnd),
        new("confinement_days_after_end", typeof(long), false, "Days of confinement those people still have to serve after the last simulated day, over confinements with an end day.", s => s.ConfinementDaysAfterEnd),
        new("open_confinements_at_end", typeof(int), false, "Of confined_at_end, people whose confinement has no end day (it ends only by a release).", s => s.OpenConfinementsAtEnd),
        new("confinement_rising_at_end", typeof(int), false, "1 when the last day's quarantined_home + quarantined_central is above its value 7 days earlier (day 0 in shorter runs), else 0: totals then depend on the horizon.", s => s.ConfinementRisingAtEnd ? 1 : 0),
        new("epidemic_rising_at_end", typeof(int), false, "1 when the last day's exposed + infectious is above its value 7 days earlier (day 0 in shorter runs), else 0.", s => s.EpidemicRisingAtEnd ? 1 : 0),
        new("infections_averted", typeof(double), true, "Counterfactual variant's total_infections minus this run's, same replicate; empty without a counterfactual.", s => s.InfectionsAverted),
        new("records_checkins", typeof(long), false, "Check-ins recorded by the health code over the run: people who checked in, staff checks in central isolation included, summed over days; 0 when the policy is off.", s => s.RecordsCheckins),
        new("records_tests", typeof(long), false, "Test samples taken over the run (a sample is a record whether or not its result arrives before the end).", s => s.RecordsTests),
        new("records_scans", typeof(long), false, "Code scans at venue doors over the run: every attempted venue visit by a person holding a code, refused ones included; 0 without venues or when the policy is off.", s => s.RecordsScans),
        new("records_contacts_consulted", typeof(long), false, "Contact records read by tracing: one per contact found, per layer and past day looked at, before events to the same person are merged.", s => s.RecordsContactsConsulted),
        new("records_paper_passes", typeof(long), false, "Paper passes filled in at venue doors by people without a code (kinds with no_code: paper), when the policy is on.", s => s.RecordsPaperPasses),
        new("records_scans_consulted", typeof(long), false, "Scan records read by co-location flagging (trace_venues): one per co-visitor's scan found within a case's window of slots.", s => s.RecordsScansConsulted),
        new("data_records", typeof(long), false, "records_checkins + records_tests + records_scans + records_paper_passes + records_contacts_consulted + records_scans_consulted: the records the policy gathered or read (its surveillance cost).", s => s.DataRecords),
        new("people_looked_up", typeof(int), false, "Distinct people whose contacts (trace) or venue visits (trace_venues) were consulted at least once.", s => s.PeopleLookedUp),
        new("venue_visits", typeof(long), false, "Venue visits made (people admitted) over the run, all kinds; 0 without venues.", s => s.VenueVisits),
        new("people_without_code", typeof(int), false, "People without a smartphone, hence without a code (checkin.no_smartphone_share_by_age); the same people in every variant of a replicate.", s => s.PeopleWithoutCode),
        new("venue_refusals", typeof(long), false, "Venue visits refused at the door over the run because the kind does not admit the person's colour (venues.kinds.NAME.admit).", s => s.VenueRefusals),
    ];

    /// <summary>Summary columns that identify or size a run rather than measure it.</summary>
    public static ImmutableArray<string> SummaryKeyColumns { get; } = ["variant", "replicate", "region", "seed", "population", "days", "stopped_early"];

    /// <summary>The summary columns that are measurements, in file order: the metrics of variants.parquet and the report.</summary>
    public static ImmutableArray<SummaryColumn> MetricColumns { get; } =
        [.. SummaryColumns.Where(c => !SummaryKeyColumns.Contains(c.Name))];

    /// <summary>
    /// The optional summary columns of a scenario's parts (<see cref="PartTotals"/>), derived from its daily part columns,
    /// which every variant shares (<see cref="DailyMetricColumns"/> checks that).
    /// </summary>
    public static IReadOnlyList<PartTotalColumn> SummaryPartColumns(Scenario scenario) =>
        PartTotals.Columns([.. SimulationRun.PartColumns(scenario.Variants[0].RegionModels[0].Model).Select(c => c.Name)]);

    /// <summary>The summary column of an optional part total: a whole number (int64) or a ratio that may be empty.</summary>
    public static SummaryColumn PartSummaryColumn(PartTotalColumn part) =>
        new(part.Name, part.Fractional ? typeof(double) : typeof(long), part.Fractional, part.Definition, s =>
        {
            var value = s.PartTotals.First(t => t.Name == part.Name).Value;
            return part.Fractional ? value : (object)(long)(value ?? 0);
        });

    /// <summary>Every summary column of a file: <see cref="SummaryColumns"/>, then the parts' optional ones.</summary>
    public static IReadOnlyList<SummaryColumn> SummaryColumnsWith(IReadOnlyList<PartTotalColumn> parts) =>
        [.. SummaryColumns, .. parts.Select(PartSummaryColumn)];

    /// <summary>The metric names of summary rows read back: <see cref="MetricColumns"/>, then the parts' optional ones.</summary>
    public static IReadOnlyList<string> MetricNames(IReadOnlyList<SummaryRow> rows) =>
        [.. MetricColumns.Select(c => c.Name), .. rows.Count == 0 ? [] : rows[0].PartMetrics];

    /// <summary>
    /// The metric column names of daily.parquet for a scenario. One file holds every variant, so every variant must
    /// declare the same colours; otherwise this throws a <see cref="ScenarioValidationException"/> before anything runs.
    /// </summary>
    public static IReadOnlyList<string> DailyMetricColumns(Scenario scenario)
    {
        var first = scenario.Variants[0].Model.Policy.Colours;
        var errors = new List<ScenarioError>();
        foreach (var variant in scenario.Variants)
        {
            if (!variant.Model.Policy.Colours.SequenceEqual(first))
            {
                errors.Add(new ScenarioError(scenario.Name, 0, 0, "policy.colours",
                    $"variant {variant.Name} declares colours [{string.Join(", ", variant.Model.Policy.Colours)}] but the first variant declares [{string.Join(", ", first)}]; daily.parquet has one column per colour, so all variants must declare the same colours"));
            }
        }
        var firstParts = SimulationRun.PartColumns(scenario.Variants[0].RegionModels[0].Model);
        foreach (var variant in scenario.Variants)
        {
            var parts = SimulationRun.PartColumns(variant.RegionModels[0].Model);
            if (!parts.SequenceEqual(firstParts))
            {
                errors.Add(new ScenarioError(scenario.Name, 0, 0, variant.Name,
                    $"variant {variant.Name} has the daily columns [{string.Join(", ", parts.Select(c => c.Name))}] of optional parts but the first variant has [{string.Join(", ", firstParts.Select(c => c.Name))}]; daily.parquet has one set of columns, so declare a part's section (such as importations) in the base scenario and switch it off in a variant by its own keys (importations.daily_rate: 0)"));
            }
            foreach (var region in variant.Regions.Skip(1))
            {
                var regionParts = SimulationRun.PartColumns(region.Model);
                if (!regionParts.SequenceEqual(parts))
                {
                    errors.Add(new ScenarioError(scenario.Name, 0, 0, $"regions.{region.Name}",
                        $"region {region.Name} has the daily columns [{string.Join(", ", regionParts.Select(c => c.Name))}] of optional parts but region {variant.Regions[0].Name} has [{string.Join(", ", parts.Select(c => c.Name))}] (in variant {variant.Name}); daily.parquet has one set of columns, so every region switches on the same parts (a region can switch one off by its own keys, such as importations.daily_rate: 0)"));
                }
            }
        }
        if (errors.Count > 0)
        {
            throw new ScenarioValidationException([.. errors]);
        }
        var daily = new DailyMetrics(0, first);
        foreach (var part in firstParts)
        {
            daily.AddPartColumn(part);
        }
        return daily.Columns().Select(c => c.Name).ToList();
    }

    /// <summary>Schema of daily.parquet for the given metric column names (in <see cref="DailyMetrics.Columns"/> order).</summary>
    public static ParquetSchema Daily(IReadOnlyList<string> metricColumns)
    {
        var fields = new List<Field>
        {
            new DataField<string>("variant", nullable: false),
            new DataField<int>("replicate"),
            new DataField<string>("region", nullable: false),
            new DataField<int>("day"),
        };
        foreach (var name in metricColumns)
        {
            fields.Add(new DataField<int>(name));
        }
        return new ParquetSchema(fields);
    }

    public static ParquetSchema Summary() => Summary(SummaryColumns);

    public static ParquetSchema Summary(IReadOnlyList<SummaryColumn> columns)
    {
        var fields = new List<Field>();
        foreach (var column in columns)
        {
            fields.Add(new DataField(column.Name, column.ClrType, column.Nullable));
        }
        return new ParquetSchema(fields);
    }
}
