namespace Hcsim.Runner.Output;

/// <summary>
/// One row of <c>variants.parquet</c>: one summary metric of one variant over its replicates, and its paired differences
/// from the counterfactual and from the reference variant. Null means undefined (see docs/outputs-variants.md), never zero.
/// </summary>
public sealed record VariantStatistic
{
    public required string Variant { get; init; }
    /// <summary>The region of the summary rows these statistics are over (<c>main</c> in a single-region scenario).</summary>
    public string Region { get; init; } = Hcsim.Engine.Scenarios.RegionModel.SingleName;
    public required string Metric { get; init; }
    /// <summary>Replicates with a defined value.</summary>
    public required int N { get; init; }
    public double? Mean { get; init; }
    /// <summary>Sample standard deviation (n − 1 in the denominator); null below two values.</summary>
    public double? Sd { get; init; }
    /// <summary>95 % t interval of the mean; null below two values.</summary>
    public double? Low { get; init; }
    public double? High { get; init; }
    /// <summary>Replicate pairs (this variant's replicate r with the counterfactual's replicate r) where both are defined.</summary>
    public required int DiffN { get; init; }
    /// <summary>Mean of this variant minus the counterfactual, pair by pair.</summary>
    public double? DiffMean { get; init; }
    public double? DiffLow { get; init; }
    public double? DiffHigh { get; init; }
    /// <summary>Replicate pairs (this variant's replicate r with the reference's replicate r) where both are defined.</summary>
    public int RefDiffN { get; init; }
    /// <summary>Mean of this variant minus the reference variant, pair by pair; null for the reference itself.</summary>
    public double? RefDiffMean { get; init; }
    public double? RefDiffLow { get; init; }
    public double? RefDiffHigh { get; init; }
}
