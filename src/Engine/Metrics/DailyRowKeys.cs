using System.Collections.Immutable;

namespace Hcsim.Engine.Metrics;

/// <summary>
/// The key columns that lead every row of <c>daily.parquet</c>, before the metric columns of
/// <see cref="DailyMetrics.Columns"/>. The Runner's schema writes them; the scenario validator keeps colour names off them.
/// </summary>
public static class DailyRowKeys
{
    public static ImmutableArray<string> Names { get; } = ["variant", "replicate", "region", "day"];
}
