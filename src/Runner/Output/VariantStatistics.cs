using Hcsim.Engine.Metrics;
using MathNet.Numerics.Statistics;

namespace Hcsim.Runner.Output;

/// <summary>
/// Per variant and summary metric: mean, standard deviation and 95 % t interval over replicates, and the paired
/// differences from the counterfactual and from the reference variant. Replicate r of every variant uses the same seed
/// (common random numbers), so a difference is taken replicate by replicate (r with r) and its interval is a paired t
/// interval, which is much narrower than comparing two independent intervals when the runs are correlated. In a
/// multi-region scenario every region of a variant has its own statistics (regions in the rows' order), paired region
/// with region.
/// </summary>
public static class VariantStatistics
{
    /// <param name="variants">Variant names in output order (the scenario's order).</param>
    /// <param name="counterfactual">The variant the <c>diff_*</c> columns are measured against, or null.</param>
    /// <param name="rows">Summary rows as read from summary.parquet.</param>
    /// <param name="reference">The variant the <c>ref_diff_*</c> columns are measured against, or null for none.</param>
    public static IReadOnlyList<VariantStatistic> Compute(
        IReadOnlyList<string> variants, string? counterfactual, IReadOnlyList<SummaryRow> rows, string? reference = null)
    {
        var metrics = ParquetSchemas.MetricNames(rows);
        var regions = rows.Select(r => r.Region).Distinct(StringComparer.Ordinal).ToList();
        if (regions.Count == 0)
        {
            regions.Add(Hcsim.Engine.Scenarios.RegionModel.SingleName);
        }
        var statistics = new List<VariantStatistic>(variants.Count * regions.Count * metrics.Count);
        foreach (var variant in variants)
        {
            foreach (var region in regions)
            {
                statistics.AddRange(Compute(variant, region, counterfactual, [.. rows.Where(r => r.Region == region)], reference, metrics));
            }
        }
        return statistics;
    }

    private static IEnumerable<VariantStatistic> Compute(
        string variant, string region, string? counterfactual, IReadOnlyList<SummaryRow> rows, string? reference, IReadOnlyList<string> metrics)
    {
        var byVariant = rows.GroupBy(r => r.Variant, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Replicate).ToList(), StringComparer.Ordinal);
        var counterfactualRuns = ByReplicate(byVariant, counterfactual);
        var referenceRuns = ByReplicate(byVariant, reference);
        {
            var runs = byVariant.GetValueOrDefault(variant) ?? [];
            foreach (var metric in metrics)
            {
                var values = runs.Select(r => r[metric]).OfType<double>().ToList();
                var estimate = MeanInterval.Compute(values);
                var differences = variant == counterfactual ? [] : PairedDifferences(runs, counterfactualRuns, metric);
                var difference = MeanInterval.Compute(differences);
                var referenceDifferences = variant == reference ? [] : PairedDifferences(runs, referenceRuns, metric);
                var referenceDifference = MeanInterval.Compute(referenceDifferences);
                yield return new VariantStatistic
                {
                    Variant = variant,
                    Region = region,
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
                    RefDiffN = referenceDifferences.Count,
                    RefDiffMean = referenceDifference?.Mean,
                    RefDiffLow = referenceDifference is { HasInterval: true } rl ? rl.Lower : null,
                    RefDiffHigh = referenceDifference is { HasInterval: true } rh ? rh.Upper : null,
                };
            }
        }
    }

    /// <summary>
    /// Per replicate present in both, the value of <paramref name="runs"/> minus that of <paramref name="other"/> in the
    /// same replicate (r with r), in replicate order; pairs where either value is undefined are left out.
    /// </summary>
    public static List<double> PairedDifferences(IEnumerable<SummaryRow> runs, IReadOnlyDictionary<int, SummaryRow>? other, string metric)
    {
        var differences = new List<double>();
        if (other is null)
        {
            return differences;
        }
        foreach (var run in runs.OrderBy(r => r.Replicate))
        {
            if (run[metric] is { } value && other.TryGetValue(run.Replicate, out var paired) && paired[metric] is { } baseline)
            {
                differences.Add(value - baseline);
            }
        }
        return differences;
    }

    /// <summary>The statistic of one variant and metric (the first region's); throws if absent (a caller bug, the set is complete by construction).</summary>
    public static VariantStatistic Find(IReadOnlyList<VariantStatistic> statistics, string variant, string metric) =>
        statistics.First(s => s.Variant == variant && s.Metric == metric);

    private static Dictionary<int, SummaryRow>? ByReplicate(Dictionary<string, List<SummaryRow>> byVariant, string? variant) =>
        variant is not null && byVariant.TryGetValue(variant, out var runs) ? runs.ToDictionary(r => r.Replicate) : null;
}
