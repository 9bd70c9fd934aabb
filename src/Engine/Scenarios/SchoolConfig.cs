namespace Hcsim.Engine.Scenarios;

/// <summary>Who goes to school. Pupils are grouped into classes of people of the same age.</summary>
public sealed record SchoolConfig
{
    public int MinAge { get; init; } = 6;
    public int MaxAge { get; init; } = 18;
    /// <summary>Share of people aged MinAge..MaxAge enrolled, in [0, 1].</summary>
    public double EnrolmentRate { get; init; } = 0.95;
    public int ClassSize { get; init; } = 40;
}
