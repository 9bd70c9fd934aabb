namespace Hcsim.Runner.Cli;

/// <summary>The parsed options of the commands that work generation by generation: <c>hcsim calibrate</c> and <c>hcsim optimise</c>.</summary>
public sealed record GenerationSettings
{
    public required string ScenarioPath { get; init; }
    /// <summary>Output folder; null means <c>results/&lt;scenario name&gt;-calibration</c> (calibrate) or <c>-search</c> (optimise).</summary>
    public string? OutputPath { get; init; }
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary><c>--set</c> overrides in command-line order, then <c>seed=S</c> from <c>--seed</c>.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];
    public bool Force { get; init; }
    public bool Resume { get; init; }
    public bool Quiet { get; init; }
    /// <summary>Budget of runs; 0 keeps the section's <c>max_runs</c>.</summary>
    public int MaxRuns { get; init; }
    /// <summary>Budget of minutes; 0 keeps the section's <c>max_minutes</c>.</summary>
    public double MaxMinutes { get; init; }

    /// <summary>The budget of these options, its time measured by <paramref name="started"/> (0 keeps the section's).</summary>
    public Hcsim.Engine.Calibration.CalibrationBudget BudgetSince(System.Diagnostics.Stopwatch started) => new()
    {
        MaxRuns = MaxRuns,
        MaxMinutes = MaxMinutes,
        ElapsedMinutes = () => started.Elapsed.TotalMinutes,
    };
}
