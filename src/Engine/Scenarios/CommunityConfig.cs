namespace Hcsim.Engine.Scenarios;

/// <summary>The static community graph: a Watts-Strogatz small world over households' neighbourhood order.</summary>
public sealed record CommunityConfig
{
    /// <summary>Ring neighbours per person, half on each side in household order: even, 0 to 32 (the schema refuses odd values).</summary>
    public int MeanDegree { get; init; } = 10;
    /// <summary>Probability that a ring edge is rewired to a random person, in [0, 1].</summary>
    public double RewireProbability { get; init; } = 0.1;
    /// <summary>A CSV edge list (a, b, optional weight) replacing the small world; empty = synthesise. Absolute once loaded.</summary>
    public string FromFile { get; init; } = "";
    /// <summary>With <see cref="FromFile"/>: chance that an edge is met on a day (in [0, 1]).</summary>
    public double DailyProbability { get; init; } = 1;
}
