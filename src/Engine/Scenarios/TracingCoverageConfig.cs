namespace Hcsim.Engine.Scenarios;

/// <summary>The share of a case's true contacts that tracing finds, by layer (each in [0, 1]).</summary>
public sealed record TracingCoverageConfig
{
    public double Household { get; init; } = 1;
    public double Work { get; init; } = 1;
    public double School { get; init; } = 1;
    public double Community { get; init; } = 1;
}
