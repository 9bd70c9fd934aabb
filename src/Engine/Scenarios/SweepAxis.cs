using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// One dimension of a scenario's sweep grid: the setting path it varies, the short label used in variant names
/// (the shortest dot-suffix of the path that tells the axes apart) and the values as written, in declared order.
/// </summary>
public sealed record SweepAxis
{
    public required string Path { get; init; }
    public required string Label { get; init; }
    public required ImmutableArray<string> Values { get; init; }
}
