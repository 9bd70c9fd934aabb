namespace Hcsim.Engine.Scenarios;

/// <summary>An age band, inclusive at both ends, in years, with its share of the population.</summary>
public sealed record AgeBandConfig
{
    public int MinAge { get; init; }
    public int MaxAge { get; init; }
    public double Share { get; init; }
}
