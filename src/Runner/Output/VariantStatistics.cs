using MathNet.Numerics.Statistics;

namespace Hcsim.Runner.Output;

/// <summary>
/// Per variant and summary metric: mean, standard deviation and 95 % t interval over replicates, and the paired
/// difference from the counterfactual. Replicate r of every variant uses the same seed (common random numbers), so the
/// difference is taken replicate by replicate (r with r) and its interval is a paired t interval, which is much
/// narrower than comparing two independent intervals when the runs are correlated.
/// </summary>
public static class VariantStatistics
{
    /// <param name="variants">Variant names in output order (the scenario's order).</param>
    /// <param name="rows">Summary rows as read from summary.parquet.</param>
    public static IReadOnlyList<VariantStatistic> Compute(IReadOnlyList<string> variants, string? counterfactual, IReadOnlyList<SummaryRow> rows)
    {
        var byVariant = rows.GroupBy(r => r.Variant, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Replicate).ToList(), StringComparer.Ordinal);
        var reference = counterfactual is not null && byVariant.TryGetValue(counterfactual, out var cf)
            ? cf.ToDictionary(r => r.Replicate)
            : null;
        var metrics = ParquetSchemas.MetricNames(rows);
        var statistics = new List<VariantStatistic>(variants.Count * metrics.Count);
        foreach (var variant in variants)
        {
            var runs = byVariant.GetValueOrDefault(variant) ?? [];
            foreach (var metric in metrics)
            {
                var values = runs.Select(r => r[metric]).OfType<double>().ToList();
                var estimate = MeanInterval.Compute(values);
                var differences = new List<double>();
                if (reference is not null && variant != counterfactual)
                {
                    foreach (var run in runs)
                    {
                        if (run[metric] is { } value && reference.TryGetValue(run.Replicate, out var paired) && paired[metric] is { } baseline)
                        {
                            differences.Add(value - baseline);
                        }
                    }
                }
                var difference = MeanInterval.Compute(differences);
                statistics.Add(new VariantStatistic
                {
                    Variant = variant,
                    Metric = metric,
                    N = values.Count,
                    Mean = estimate?.Mean,
                    Sd = values.Count >= 2 ? values.StandardDeviation() : null,
                    Low = estimate is { HasInterval: true } e ? e.Lower : null,
                    High = estimate is { HasInterval: true } h ? h.Upper : null,
                    DiffN = differences.Count,
                    DiffMean = difference?.Mean,
                    DiffLow = difference is { HasInterval: true } d ? d.Lower : null,
                    DiffHigh = difference is { HasInterval: true } u ? u.Upper : null,
                });
            }
        }
        return statistics;
    }

    /// <summary>The statistic of one variant and metric; throws if absent (a caller bug, the set is complete by construction).</summary>
    public static VariantStatistic Find(IReadOnlyList<VariantStatistic> statistics, string variant, string metric) =>
        statistics.First(s => s.Variant == variant && s.Metric == metric);
}
