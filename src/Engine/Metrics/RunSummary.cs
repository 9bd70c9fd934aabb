namespace Hcsim.Engine.Metrics;

/// <summary>
/// The headline numbers of one run (one variant, one replicate). Counts are people; person-days are sums of daily
/// counts over all days. Null means "not defined" (written as an empty cell), never zero. "Never infected" means
/// susceptible (the true false positives), "infected" exposed or infectious, "recovered" held after the infection is
/// over; the daily columns of the same names in <see cref="DailyMetrics.Columns"/> define the person-day sums.
/// </summary>
public sealed record RunSummary
{
    public required string Variant { get; init; }
    public required int Replicate { get; init; }
    /// <summary>The region this row describes (<c>main</c> for a single-region scenario).</summary>
    public string Region { get; init; } = Scenarios.RegionModel.SingleName;
    public required ulong Seed { get; init; }
    public required int Population { get; init; }
    /// <summary>Days simulated (fewer than configured when the run stopped early).</summary>
    public required int Days { get; init; }
    /// <summary>The run stopped before its configured last day because nothing was left to happen (stop_when_clear).</summary>
    public bool StoppedEarly { get; init; }
    /// <summary>People ever infected (initial infections included).</summary>
    public required int TotalInfections { get; init; }
    /// <summary>TotalInfections / Population.</summary>
    public required double AttackRate { get; init; }
    public required int PeakInfectious { get; init; }
    /// <summary>Largest quarantined_home + quarantined_central over days.</summary>
    public required int PeakQuarantined { get; init; }
    public required long QuarantinePersonDays { get; init; }
    /// <summary>Sum of confined_never_infected.</summary>
    public required long NeverInfectedConfinedPersonDays { get; init; }
    /// <summary>Sum of confined_infected.</summary>
    public required long InfectedConfinedPersonDays { get; init; }
    /// <summary>Sum of confined_recovered.</summary>
    public required long RecoveredConfinedPersonDays { get; init; }
    public required long FlaggedPersonDays { get; init; }
    /// <summary>Sum of flagged_never_infected.</summary>
    public required long NeverInfectedFlaggedPersonDays { get; init; }
    /// <summary>Sum of flagged_infected.</summary>
    public required long InfectedFlaggedPersonDays { get; init; }
    /// <summary>Sum of flagged_recovered.</summary>
    public required long RecoveredFlaggedPersonDays { get; init; }
    /// <summary>Sum of flagged_never_infected / sum of flagged; null when nobody was flagged.</summary>
    public required double? FalsePositiveShare { get; init; }
    /// <summary>People flagged at least once and never infected by the end of the run.</summary>
    public required int NeverInfectedFlagged { get; init; }
    /// <summary>People counted as confined at the end of at least one day.</summary>
    public required int PeopleConfined { get; init; }
    /// <summary>People confined at least once and never infected by the end of the run.</summary>
    public required int NeverInfectedConfined { get; init; }
    /// <summary>People confined at the end of at least one day on which they were infected (exposed or infectious).</summary>
    public required int ConfinedWhileInfected { get; init; }
    /// <summary>Sum of infectious_free over days (infectious and not confined, any colour).</summary>
    public required long MissedPersonDays { get; init; }
    /// <summary>Sum of infectious_unflagged over days (infectious and holding the first colour).</summary>
    public required long InfectiousUnflaggedPersonDays { get; init; }
    public required int TestsTotal { get; init; }
    /// <summary>Sum of positive_tests.</summary>
    public required int PositiveTestsTotal { get; init; }
    /// <summary>People with at least one positive result sampled while infected (exposed or infectious).</summary>
    public required int CasesDetected { get; init; }
    /// <summary>People with at least one positive result sampled while never infected (susceptible).</summary>
    public required int FalseConfirmations { get; init; }
    /// <summary>Sum of positive_tests_infected / sum of positive_tests; null when no result was positive.</summary>
    public required double? ConfirmationPpv { get; init; }
    /// <summary>NeverInfectedConfined / CasesDetected; null when no case was detected.</summary>
    public required double? NeverInfectedConfinedPerCase { get; init; }
    /// <summary>NeverInfectedConfinedPersonDays / CasesDetected; null when no case was detected.</summary>
    public required double? NeverInfectedConfinedPersonDaysPerCase { get; init; }
    /// <summary>People whose confinement is in force on the day after the last simulated day.</summary>
    public required int ConfinedAtEnd { get; init; }
    /// <summary>Over those with a known end: days of confinement still to serve after the last simulated day.</summary>
    public required long ConfinementDaysAfterEnd { get; init; }
    /// <summary>Of <see cref="ConfinedAtEnd"/>, those whose confinement has no end day (ends only by a release).</summary>
    public required int OpenConfinementsAtEnd { get; init; }
    /// <summary>The last day's confined count is above the count 7 days earlier (day 0 for shorter runs).</summary>
    public required bool ConfinementRisingAtEnd { get; init; }
    /// <summary>The last day's infected count (exposed + infectious) is above the count 7 days earlier.</summary>
    public required bool EpidemicRisingAtEnd { get; init; }
    /// <summary>Counterfactual's TotalInfections minus this run's, same replicate; null without a counterfactual.</summary>
    public double? InfectionsAverted { get; init; }
    /// <summary>Check-ins recorded over the run (<see cref="Metrics.DataRecords.Checkins"/>).</summary>
    public required long RecordsCheckins { get; init; }
    /// <summary>Test samples taken over the run (<see cref="Metrics.DataRecords.Tests"/>).</summary>
    public required long RecordsTests { get; init; }
    /// <summary>Code scans at venue doors (<see cref="Metrics.DataRecords.Scans"/>).</summary>
    public required long RecordsScans { get; init; }
    /// <summary>Contact records consulted by tracing (<see cref="Metrics.DataRecords.ContactsConsulted"/>).</summary>
    public required long RecordsContactsConsulted { get; init; }
    /// <summary>Paper passes at venue doors (<see cref="Metrics.DataRecords.PaperPasses"/>).</summary>
    public required long RecordsPaperPasses { get; init; }
    /// <summary>Scan records read by co-location flagging (<see cref="Metrics.DataRecords.ScansConsulted"/>).</summary>
    public required long RecordsScansConsulted { get; init; }
    /// <summary>RecordsCheckins + RecordsTests + RecordsScans + RecordsPaperPasses + RecordsContactsConsulted + RecordsScansConsulted (+ uploads under a data regime, the part total records_uploaded_total): every record the policy gathered or read.</summary>
    public required long DataRecords { get; init; }
    /// <summary>Distinct people whose contacts or venue visits were consulted at least once.</summary>
    public required int PeopleLookedUp { get; init; }
    /// <summary>Venue visits made (people admitted), summed over days and kinds.</summary>
    public required long VenueVisits { get; init; }
    /// <summary>Venue visits refused at the door because of the person's colour.</summary>
    public required long VenueRefusals { get; init; }
    /// <summary>People without a code (no smartphone).</summary>
    public required int PeopleWithoutCode { get; init; }
    /// <summary>The optional summary numbers of the parts this run switched on (<see cref="Metrics.PartTotals"/>), in file order; empty without them.</summary>
    public PartTotalList PartTotals { get; init; } = [];
}
