namespace Hcsim.Engine.Simulation;

/// <summary>How to execute a scenario. Results never depend on these settings.</summary>
public sealed record ExecutionOptions
{
    /// <summary>Worker threads shared by concurrent runs and data-parallel phases; at least 1.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Runs held in memory at once, at most (the runner lowers it when memory allows fewer than the threads).</summary>
    public int MaxConcurrentRuns { get; init; } = int.MaxValue;
    /// <summary>Per-person detail to record in every run (off by default).</summary>
    public DetailOptions Details { get; init; } = DetailOptions.None;
    /// <summary>
    /// Runs of a sweep point identical to an earlier variant are copied from that variant's run instead of simulated
    /// (on by default; the numbers are the same either way, tests turn it off to prove it).
    /// </summary>
    public bool ReuseIdenticalRuns { get; init; } = true;
    /// <summary>How data files named by the scenario are opened (CSV always; Parquet when a reader is passed).</summary>
    public People.DataFileReaders DataFiles { get; init; } = People.DataFileReaders.CsvOnly;
}
