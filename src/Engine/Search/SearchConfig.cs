using System.Collections.Immutable;

namespace Hcsim.Engine.Search;

/// <summary>
/// The <c>search</c> section of a scenario: the decision variables (setting paths with a range or a set of values), two
/// or three objectives (summary metrics to maximise or minimise), and the NSGA-II budget. Used by <c>hcsim optimise</c>;
/// <c>hcsim run</c> ignores it.
/// </summary>
public sealed record SearchConfig
{
    /// <summary>Candidates in each generation (the NSGA-II population and the number of offspring a generation).</summary>
    public int PopulationSize { get; init; } = SearchDefaults.PopulationSize;
    /// <summary>Generations, the first drawn uniformly from the ranges.</summary>
    public int Generations { get; init; } = SearchDefaults.Generations;
    /// <summary>Runs per candidate; replicate r of every candidate uses the same seed (common random numbers).</summary>
    public int Replicates { get; init; } = SearchDefaults.Replicates;
    /// <summary>Seed of the search's own draws; 0 = the scenario's seed. The runs' seeds are always the scenario's.</summary>
    public int Seed { get; init; }
    /// <summary>Budget of simulation runs (0 = none); a generation that would exceed it is not started.</summary>
    public int MaxRuns { get; init; }
    /// <summary>Budget of wall time in minutes (0 = none); a generation expected to end after it is not started.</summary>
    public double MaxMinutes { get; init; }
    public ImmutableArray<SearchVariableConfig> Variables { get; init; } = [];
    public ImmutableArray<SearchObjectiveConfig> Objectives { get; init; } = [];
}
