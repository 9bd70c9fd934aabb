namespace Hcsim.Engine.Scenarios;

/// <summary>
/// A test kind. Sensitivity applies to infected people (exposed or infectious) at the day of sampling; specificity to
/// uninfected people. The result arrives <see cref="TurnaroundDays"/> days after sampling.
/// </summary>
public sealed record TestKindConfig
{
    public double Sensitivity { get; init; } = 0.9;
    public double Specificity { get; init; } = 0.995;
    public int TurnaroundDays { get; init; } = 1;
    /// <summary>Samples processed per day; 0 means unlimited. Orders beyond capacity wait, oldest first.</summary>
    public int CapacityPerDay { get; init; }
}
