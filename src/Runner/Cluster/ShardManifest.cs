using Hcsim.Runner.Output;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// <c>manifest.json</c> of one shard folder: which shard, which runs, and everything <c>hcsim merge</c> needs to write
/// the results a single machine would have written (the scenario text itself, the overrides, the program version).
/// Shards of one sweep have equal <see cref="Identity"/> and <see cref="ShardCount"/>; merge refuses a mix.
/// </summary>
public sealed record ShardManifest
{
    public required int ShardIndex { get; init; }
    public required int ShardCount { get; init; }
    /// <summary>Scenario hash, overrides, seed, replicates, variants, detail tables and hcsim version of the sweep.</summary>
    public required ResumeIdentity Identity { get; init; }
    public required string ScenarioName { get; init; }
    /// <summary>The scenario file path as given to <c>hcsim run</c>, or "built-in default".</summary>
    public required string Source { get; init; }
    /// <summary>The scenario text the shard ran (its SHA-256 is <see cref="ResumeIdentity.ScenarioSha256"/>).</summary>
    public required string ScenarioText { get; init; }
    /// <summary>This shard's runs as part files under <see cref="ShardWriter.PartsFolder"/>, in (variant index, replicate) order.</summary>
    public required IReadOnlyList<string> Parts { get; init; }
    public required int Threads { get; init; }
    public required double WallSeconds { get; init; }
    public required DateTime CreatedUtc { get; init; }
    /// <summary>Files in the shard folder, relative paths, manifest.json included.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    public ShardSpec Spec => new(ShardIndex, ShardCount);
}
