using System.Collections.Immutable;

namespace Hcsim.Engine.Search;

/// <summary>
/// One decision variable: a model setting path holding a number (<c>policy.params.red_days</c>,
/// <c>checkin.probability</c>) with a range <see cref="Min"/>..<see cref="Max"/> (whole numbers only when
/// <see cref="Integer"/>, or when the setting holds whole numbers) or a set of <see cref="Values"/> (a switch: [0, 1]).
/// </summary>
public sealed record SearchVariableConfig
{
    public string Path { get; init; } = "";
    public double? Min { get; init; }
    public double? Max { get; init; }
    public bool Integer { get; init; }
    public ImmutableArray<double> Values { get; init; } = [];

    /// <summary>Whether the variable takes one of listed values rather than a range.</summary>
    public bool IsValueSet => !Values.IsDefaultOrEmpty;
}
