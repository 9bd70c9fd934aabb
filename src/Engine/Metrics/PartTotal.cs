namespace Hcsim.Engine.Metrics;

/// <summary>One optional summary number of a run, derived from a part's daily columns (see <see cref="PartTotals"/>); null means not defined.</summary>
public sealed record PartTotal(string Name, double? Value);
