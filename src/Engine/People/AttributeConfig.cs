using System.Collections.Immutable;

namespace Hcsim.Engine.People;

/// <summary>
/// One declared person attribute (<c>attributes.NAME</c>): a boolean held by a share of each age band, or a number drawn
/// from a distribution by age band. Outside every band a boolean is false and a number is 0.
/// </summary>
public sealed record AttributeConfig
{
    /// <summary><c>boolean</c> or <c>number</c>.</summary>
    public string Kind { get; init; } = AttributeKinds.Boolean;
    /// <summary>The bands, first match wins.</summary>
    public ImmutableArray<AttributeBandConfig> ByAge { get; init; } = [];
    /// <summary>Split the flagged person-days by this boolean attribute in the outputs (at most one attribute).</summary>
    public bool SplitOutputs { get; init; }
}
