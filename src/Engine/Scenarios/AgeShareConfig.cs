namespace Hcsim.Engine.Scenarios;

/// <summary>A share of the people in an age band (inclusive, years).</summary>
public sealed record AgeShareConfig
{
    public int MinAge { get; init; }
    public int MaxAge { get; init; }
    public double Share { get; init; }
}
