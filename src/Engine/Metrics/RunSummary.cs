namespace Hcsim.Engine.Metrics;

/// <summary>
/// The headline numbers of one run (one variant, one replicate). Counts are people; person-days are sums of daily
/// counts over all days. Null means "not defined" (written as an empty cell), never zero.
/// </summary>
public sealed record RunSummary
{
    public required string Variant { get; init; }
    public required int Replicate { get; init; }
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
    public required long FlaggedPersonDays { get; init; }
    /// <summary>Sum of flagged_uninfected / sum of flagged; null when nobody was flagged.</summary>
    public required double? FalsePositiveShare { get; init; }
    /// <summary>People flagged at least once and never infected by the end of the run.</summary>
    public required int NeverInfectedFlagged { get; init; }
    /// <summary>Sum of infectious_free over days.</summary>
    public required long MissedPersonDays { get; init; }
    public required long UninfectedQuarantinePersonDays { get; init; }
    public required int TestsTotal { get; init; }
    /// <summary>Counterfactual's TotalInfections minus this run's, same replicate; null without a counterfactual.</summary>
    public double? InfectionsAverted { get; init; }
}
