namespace Hcsim.Engine.People;

/// <summary>
/// How an attribute is drawn for people in an age band (inclusive, years): a boolean is true with <see cref="Share"/>;
/// a number follows <see cref="Distribution"/> with its parameters.
/// </summary>
public sealed record AttributeBandConfig
{
    public int MinAge { get; init; }
    public int MaxAge { get; init; } = Scenarios.ScenarioValidator.MaxAge;
    /// <summary>Share of the band holding a boolean attribute, in [0, 1].</summary>
    public double Share { get; init; }
    /// <summary>A number's distribution: normal, lognormal, uniform or fixed (<see cref="AttributeKinds.Distributions"/>).</summary>
    public string Distribution { get; init; } = "normal";
    /// <summary>Mean of a normal or lognormal number, or the value of a fixed one.</summary>
    public double Mean { get; init; }
    /// <summary>Standard deviation of a normal or lognormal number (of the number itself, not of its logarithm).</summary>
    public double Sd { get; init; }
    /// <summary>Lower end of a uniform number.</summary>
    public double Low { get; init; }
    /// <summary>Upper end of a uniform number.</summary>
    public double High { get; init; } = 1;
}
