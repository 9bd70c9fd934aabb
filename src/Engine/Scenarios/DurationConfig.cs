namespace Hcsim.Engine.Scenarios;

/// <summary>
/// A duration in whole days drawn per person. <see cref="Distribution"/> is <c>gamma</c> (mean and standard deviation,
/// rounded to the nearest whole day, at least 1) or <c>fixed</c> (always <see cref="MeanDays"/>, rounded).
/// </summary>
public sealed record DurationConfig
{
    public string Distribution { get; init; } = "gamma";
    public double MeanDays { get; init; } = 5;
    public double SdDays { get; init; } = 1;
}
