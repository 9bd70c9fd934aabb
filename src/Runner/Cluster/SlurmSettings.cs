namespace Hcsim.Runner.Cluster;

/// <summary>The parsed options of <c>hcsim slurm</c>.</summary>
public sealed record SlurmSettings
{
    /// <summary>Scenario file; null for the built-in default.</summary>
    public string? ScenarioPath { get; init; }
    /// <summary>The sweep's output folder; null means <c>results/&lt;scenario name&gt;</c>.</summary>
    public string? OutputPath { get; init; }
    public IReadOnlyList<string> Overrides { get; init; } = [];
    /// <summary>Array tasks (shards); null: the count of shards already in the folder, else one per run up to <see cref="SlurmCommandAction.DefaultMaxTasks"/>.</summary>
    public int? Tasks { get; init; }
    public int Cpus { get; init; } = 1;
    /// <summary>Memory per task as Slurm writes it (e.g. 4G); null: from the engine's memory estimate.</summary>
    public string? Memory { get; init; }
    public string? Time { get; init; }
    public string? Partition { get; init; }
    public bool Submit { get; init; }
    public bool Wait { get; init; }
    /// <summary>Command that starts hcsim on the compute nodes; null: this program.</summary>
    public string? Hcsim { get; init; }
}
