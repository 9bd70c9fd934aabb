using Hcsim.Engine.Metrics;

namespace Hcsim.Runner.Output;

/// <summary>What a finished <see cref="ResultsPipeline"/> hands back for the console report.</summary>
public sealed record PipelineResult
{
    /// <summary>Summaries with infections averted filled in, sorted by (variant index, replicate).</summary>
    public required IReadOnlyList<RunSummary> Summaries { get; init; }
    /// <summary>Runs (variant x replicate) behind summary rows: a multi-region run has one row per region.</summary>
    public static int RunCount(IEnumerable<Hcsim.Engine.Metrics.RunSummary> summaries) => summaries.Select(s => (s.Variant, s.Replicate)).Distinct().Count();

    /// <summary>The rows of variants.parquet.</summary>
    public required IReadOnlyList<VariantStatistic> Statistics { get; init; }
    public required IReadOnlyList<string> Files { get; init; }
    public required double WallSeconds { get; init; }
    public required long DailyRows { get; init; }
    /// <summary>Wall seconds per day-loop phase, summed over runs (the manifest's phase_seconds).</summary>
    public IReadOnlyDictionary<string, double> PhaseSeconds { get; init; } = new Dictionary<string, double>();
    /// <summary>Runs copied from an identical variant's run instead of simulated (the manifest's runs_reused).</summary>
    public int RunsReused { get; init; }
}
