namespace Hcsim.Engine.Simulation;

/// <summary>How to execute a scenario. Results never depend on these settings.</summary>
public sealed record ExecutionOptions
{
    /// <summary>Worker threads shared by concurrent runs and data-parallel phases; at least 1.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Per-person detail to record in every run (off by default).</summary>
    public DetailOptions Details { get; init; } = DetailOptions.None;
}
