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
    /// <summary>Cost of one tube (one sample, or one pool), in whole currency units; counted in the lab's <c>test_cost</c> column.</summary>
    public int CostPerTest { get; init; }
    /// <summary><c>flat</c> (<see cref="Sensitivity"/> whatever the day), or a built-in curve by days since infection: <c>pcr</c>, <c>antigen</c>.</summary>
    public string SensitivityCurve { get; init; } = "flat";
    /// <summary>Sensitivity by days since infection on the sampling day (index 0 = the day of infection; later days use the last value); empty = none.</summary>
    public ImmutableArray<double> SensitivityByDay { get; init; } = [];
    /// <summary>Samples per tube; 1 = no pooling. A positive tube sends its members to individual retests.</summary>
    public int PoolSize { get; init; } = 1;
    /// <summary>Multiplies an infected sample's sensitivity in a pooled tube (dilution); 1 = no loss.</summary>
    public double PoolDilutionFactor { get; init; } = DefaultPoolDilutionFactor;
    /// <summary>Days from a positive tube's result (the retest's sampling) to the retest's result.</summary>
    public int RetestTurnaroundDays { get; init; } = 1;

    /// <summary>
    /// The sensitivity kept in a pooled tube of about 10: a dilution of 1:10 raises the Ct value by log2(10), about 3.3
    /// cycles, which misses the weakest positives; pools of 5 to 10 lost about 5 to 15 % of sensitivity in Bateman et al.
    /// 2020 (J Clin Microbiol 58:e01347-20, https://doi.org/10.1128/JCM.01347-20). An approximation for illustration.
    /// </summary>
    public const double DefaultPoolDilutionFactor = 0.9;
}
