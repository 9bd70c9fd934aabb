namespace Hcsim.Engine.Scenarios;

/// <summary>Daily health check-ins in the code app.</summary>
public sealed record CheckInConfig
{
    /// <summary>Probability that a living person checks in on a given day, in [0, 1].</summary>
    public double Probability { get; init; } = 0.9;
    /// <summary>Probability that a person with fever who checks in reports it, in [0, 1].</summary>
    public double FeverReportProbability { get; init; } = 0.8;
}
