using System.Collections.Immutable;

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
    /// <summary>Cost of one sample, in whole currency units; counted in the lab's <c>test_cost</c> column.</summary>
    public int CostPerTest { get; init; }
    /// <summary><c>flat</c> (<see cref="Sensitivity"/> whatever the day), or a built-in curve by days since infection: <c>pcr</c>, <c>antigen</c>.</summary>
    public string SensitivityCurve { get; init; } = "flat";
    /// <summary>Sensitivity by days since infection on the sampling day (index 0 = the day of infection; later days use the last value); empty = none.</summary>
    public ImmutableArray<double> SensitivityByDay { get; init; } = [];
}
