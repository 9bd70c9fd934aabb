namespace Hcsim.Runner.Output;

/// <summary>What the outputs record about how a run was started, beyond the scenario itself.</summary>
public sealed record RunContext
{
    /// <summary>The scenario file path as given, or "built-in default".</summary>
    public required string Source { get; init; }
    /// <summary>SHA-256 (lower-case hex) of the scenario text, before overrides.</summary>
    public required string ScenarioSha256 { get; init; }
    public required IReadOnlyList<string> Overrides { get; init; }
    public required int Threads { get; init; }
    public required string HcsimVersion { get; init; }
    /// <summary>Which optional detail tables to write.</summary>
    public Hcsim.Engine.Simulation.DetailOptions Details { get; init; } = Hcsim.Engine.Simulation.DetailOptions.None;
    /// <summary>Also write the CSV twins of daily, summary and variants (<c>--csv</c>), before manifest.json so that it lists them.</summary>
    public bool Csv { get; init; }
    /// <summary>Clock for created_utc and wall time; tests pass a fixed one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
