namespace Hcsim.Runner.Cli;

/// <summary>The parsed options of <c>hcsim run</c>.</summary>
public sealed record RunSettings
{
    /// <summary>Scenario file; null runs the built-in default scenario.</summary>
    public string? ScenarioPath { get; init; }
    /// <summary>Output folder; null means <c>results/&lt;scenario name&gt;</c> under the current directory.</summary>
    public string? OutputPath { get; init; }
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary><c>--set</c> overrides in command-line order, then <c>seed=S</c> from <c>--seed</c> (so --seed wins).</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];
    public bool Force { get; init; }
    /// <summary>Reuse the finished runs of an interrupted run of the same scenario, overrides and seed to this target.</summary>
    public bool Resume { get; init; }
    public bool Quiet { get; init; }
    /// <summary>Print the time spent in each day-loop phase after the run.</summary>
    public bool Profile { get; init; }
    /// <summary>A run estimated to take longer than this asks for confirmation (<see cref="Yes"/>) before it starts.</summary>
    public double MaxMinutes { get; init; } = DefaultMaxMinutes;
    /// <summary>Start a run estimated above <see cref="MaxMinutes"/> without asking.</summary>
    public bool Yes { get; init; }
    /// <summary>Also write daily.csv, summary.csv and variants.csv beside the Parquet files.</summary>
    public bool Csv { get; init; }
    public const double DefaultMaxMinutes = 60;
    /// <summary>Also write events.parquet and/or transmissions.parquet.</summary>
    public Hcsim.Engine.Simulation.DetailOptions Details { get; init; } = Hcsim.Engine.Simulation.DetailOptions.None;
}
