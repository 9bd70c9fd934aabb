namespace Hcsim.Engine.Scenarios;

/// <summary>The static community graph: a Watts-Strogatz small world over households' neighbourhood order.</summary>
public sealed record CommunityConfig
{
    /// <summary>Mean number of community neighbours per person (even; rounded down to even).</summary>
    public int MeanDegree { get; init; } = 10;
    /// <summary>Probability that a ring edge is rewired to a random person, in [0, 1].</summary>
    public double RewireProbability { get; init; } = 0.1;
}
