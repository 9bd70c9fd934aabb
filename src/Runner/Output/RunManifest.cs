namespace Hcsim.Runner.Output;

/// <summary>
/// The content of <c>manifest.json</c>: enough to tell which scenario, seeds, program and machine produced a results
/// folder. Property names are written in snake_case.
/// </summary>
public sealed record RunManifest
{
    public required string ScenarioName { get; init; }
    public required string Source { get; init; }
    public required string ScenarioSha256 { get; init; }
    public required IReadOnlyList<string> Overrides { get; init; }
    public required ulong BaseSeed { get; init; }
    public required int Replicates { get; init; }
    /// <summary>Seed of replicate r at index r, as reported by the engine (which derives them from the base seed).</summary>
    public required IReadOnlyList<ulong> ReplicateSeeds { get; init; }
    public required IReadOnlyList<string> Variants { get; init; }
    public required string? Counterfactual { get; init; }
    public required string HcsimVersion { get; init; }
    public required string DotnetVersion { get; init; }
    public required string Os { get; init; }
    public required int Threads { get; init; }
    public required int ProcessorCount { get; init; }
    public required double WallSeconds { get; init; }
    public required long PeakMemoryBytes { get; init; }
    public required int Runs { get; init; }
    /// <summary>Runs of sweep points identical to an earlier variant, copied from that variant's run instead of simulated (included in <see cref="Runs"/>).</summary>
    public int RunsReused { get; init; }
    /// <summary>Wall time of each engine phase summed over all runs (so it can exceed wall_seconds with many threads).</summary>
    public required IReadOnlyDictionary<string, double> PhaseSeconds { get; init; }
    /// <summary>UTC, written with a trailing Z.</summary>
    public required DateTime CreatedUtc { get; init; }
    /// <summary>Files in the folder, relative paths, manifest.json included.</summary>
    public required IReadOnlyList<string> Files { get; init; }
    /// <summary>Names, descriptions, variant order and sweep grid: what <c>hcsim plot</c> and <c>hcsim report</c> rebuild from.</summary>
    public required ResultsMetadata Scenario { get; init; }
}
