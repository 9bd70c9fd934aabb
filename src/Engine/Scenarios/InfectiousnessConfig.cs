namespace Hcsim.Engine.Scenarios;

/// <summary>Relative infectiousness by disease stage, multiplying a layer's beta; each in [0, 1].</summary>
public sealed record InfectiousnessConfig
{
    public double Presymptomatic { get; init; } = 1.0;
    public double Symptomatic { get; init; } = 1.0;
    public double Asymptomatic { get; init; } = 0.5;
}
