namespace Hcsim.Engine.Scenarios;

/// <summary>A multiplier for people in an age band (inclusive, years).</summary>
public sealed record AgeFactorConfig
{
    public int MinAge { get; init; }
    public int MaxAge { get; init; }
    public double Factor { get; init; } = 1;
}
