namespace Hcsim.Engine.Scenarios;

/// <summary>Who works and how large workplaces are. Workplace sizes are geometric-like with the given mean, capped.</summary>
public sealed record WorkplaceConfig
{
    public int MinAge { get; init; } = 20;
    public int MaxAge { get; init; } = 64;
    /// <summary>Share of people aged MinAge..MaxAge who have a workplace, in [0, 1].</summary>
    public double EmploymentRate { get; init; } = 0.7;
    public double MeanSize { get; init; } = 20;
    public int MaxSize { get; init; } = 200;
}
