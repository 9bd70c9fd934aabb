using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios;

/// <summary>How the synthetic population is built. The same config and seed always build the same world.</summary>
public sealed record PopulationConfig
{
    public int Size { get; init; } = 200_000;

    /// <summary>Age bands with population shares (normalised if they do not sum to 1). Default: China 2020 census, rounded.</summary>
    public ImmutableArray<AgeBandConfig> AgeBands { get; init; } =
    [
        // China 7th census (2020): 0-14 17.95 %, 15-59 63.35 %, 60+ 18.70 %; split further for school and work ages.
        new() { MinAge = 0, MaxAge = 5, Share = 0.07 },
        new() { MinAge = 6, MaxAge = 18, Share = 0.15 },
        new() { MinAge = 19, MaxAge = 39, Share = 0.29 },
        new() { MinAge = 40, MaxAge = 59, Share = 0.30 },
        new() { MinAge = 60, MaxAge = 79, Share = 0.17 },
        new() { MinAge = 80, MaxAge = 95, Share = 0.02 },
    ];

    /// <summary>Share of households with 1, 2, 3, ... members (normalised). Default: China 2020 census, mean 2.6.</summary>
    public ImmutableArray<double> HouseholdSizeShares { get; init; } = [0.25, 0.30, 0.21, 0.13, 0.07, 0.04];

    public WorkplaceConfig Workplaces { get; init; } = new();
    public SchoolConfig Schools { get; init; } = new();
    public CommunityConfig Community { get; init; } = new();

    /// <summary>
    /// Build a new population for each replicate (from a seed derived from the replicate, shared by every variant of it)
    /// instead of one population from the scenario seed for all replicates.
    /// </summary>
    public bool RedrawPerReplicate { get; init; }
    /// <summary>A people table (CSV: age, optional household, district, attribute columns) replacing the synthetic population; empty = synthesise. Absolute once loaded.</summary>
    public string FromFile { get; init; } = "";
}
