using System.Collections.Immutable;

namespace Hcsim.Engine.People;

/// <summary>The kinds of person attribute and the distributions of a number attribute.</summary>
public static class AttributeKinds
{
    public const string Boolean = "boolean";
    public const string Number = "number";

    public static readonly ImmutableArray<string> All = [Boolean, Number];

    /// <summary>Distributions of a number attribute, by age band.</summary>
    public static readonly ImmutableArray<string> Distributions = ["normal", "lognormal", "uniform", "fixed"];
}
