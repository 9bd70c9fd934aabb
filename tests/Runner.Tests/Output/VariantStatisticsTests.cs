using System.Collections.Immutable;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

public sealed class VariantStatisticsTests
{
    [Fact]
    public void Compute_MoreReplicates_NarrowsTheInterval()
    {
        // The same spread of values (a fixed pattern), repeated: the sd stays about the same and the width shrinks ~1/sqrt(n).
        double[] pattern = [10, 14, 9, 13, 11, 12];
        var few = Width(Rows("a", pattern.Take(3)));
        var many = Width(Rows("a", Enumerable.Repeat(pattern, 8).SelectMany(p => p)));

        Assert.True(many < few / 2, $"48 replicates should give a much narrower interval than 3: {many} vs {few}");
    }

    [Fact]
    public void Compute_PairedDifference_PairsReplicateRWithReplicateR()
    {
        // Replicates vary a lot, but the variant is always exactly 5 below the counterfactual in the same replicate.
        double[] counterfactual = [100, 300, 200, 500];
        var rows = Rows("cf", counterfactual).Concat(Rows("v", counterfactual.Select(x => x - 5))).ToList();
        // Reversed order in the input must not change the pairing.
        rows.Reverse();

        var statistic = VariantStatistics.Find(VariantStatistics.Compute(["cf", "v"], "cf", rows), "v", "total_infections");

        Assert.True(statistic.DiffMean == -5, $"the paired difference should be -5, got {statistic.DiffMean}");
        Assert.True(statistic.DiffLow == -5 && statistic.DiffHigh == -5, $"identical differences should give a zero-width interval, got [{statistic.DiffLow}, {statistic.DiffHigh}]");
        Assert.True(statistic.High - statistic.Low > 100, "the unpaired interval of the variant itself stays wide");
        Assert.True(statistic.DiffN == 4, "all four replicates should be paired");
    }

    [Fact]
    public void Compute_Reference_PairedIntervalMatchesHandComputation()
    {
        // Hand computation: differences 3, 1, 5, 2; mean 2.75; sd = sqrt(8.75 / 3) = 1.7078251; t(0.975, 3) = 3.1824463;
        // half width = 3.1824463 * 1.7078251 / sqrt(4) = 2.7175309, so [0.0324691, 5.4675309].
        var rows = Rows("cf", [500, 600, 700, 800]).Concat(Rows("ref", [10, 20, 30, 40])).Concat(Rows("v", [13, 21, 35, 42])).ToList();
        rows.Reverse();

        var statistics = VariantStatistics.Compute(["cf", "ref", "v"], "cf", rows, "ref");
        var statistic = VariantStatistics.Find(statistics, "v", "total_infections");

        Assert.True(statistic.RefDiffN == 4, $"four replicate pairs expected, got {statistic.RefDiffN}");
        Assert.Equal(2.75, statistic.RefDiffMean!.Value, 10);
        Assert.Equal(0.0324691162, statistic.RefDiffLow!.Value, 8);
        Assert.Equal(5.4675308838, statistic.RefDiffHigh!.Value, 8);
        Assert.True(statistic.DiffMean == -622.25, $"the counterfactual difference should stay v - cf = -622.25, got {statistic.DiffMean}");
        var reference = VariantStatistics.Find(statistics, "ref", "total_infections");
        Assert.True(reference.RefDiffN == 0 && reference.RefDiffMean is null, "the reference has no difference with itself");
    }

    [Fact]
    public void Compute_Counterfactual_HasNoDifferenceWithItself()
    {
        var rows = Rows("cf", [1, 2, 3]).ToList();

        var statistic = VariantStatistics.Find(VariantStatistics.Compute(["cf"], "cf", rows), "cf", "total_infections");

        Assert.True(statistic.DiffN == 0 && statistic.DiffMean is null, "the counterfactual has no difference with itself");
        Assert.True(statistic.Mean == 2 && statistic.Sd == 1, $"mean 2 and sd 1 expected, got {statistic.Mean} and {statistic.Sd}");
    }

    [Fact]
    public void Compute_OneReplicate_HasMeanButNoSpread()
    {
        var statistic = VariantStatistics.Find(VariantStatistics.Compute(["a"], null, [.. Rows("a", [7])]), "a", "total_infections");

        Assert.True(statistic.N == 1 && statistic.Mean == 7, "one value is its own mean");
        Assert.True(statistic.Sd is null && statistic.Low is null && statistic.High is null, "one replicate has no sd and no interval");
    }

    [Fact]
    public void Compute_UndefinedValues_AreLeftOutNotCountedAsZero()
    {
        var rows = new[]
        {
            Row("a", 0, ("false_positive_share", null)),
            Row("a", 1, ("false_positive_share", 0.5)),
            Row("a", 2, ("false_positive_share", 0.7)),
        };

        var statistic = VariantStatistics.Find(VariantStatistics.Compute(["a"], null, rows), "a", "false_positive_share");

        Assert.True(statistic.N == 2, "only the two defined values count");
        Assert.Equal(0.6, statistic.Mean!.Value, 12);
    }

    private static double Width(IEnumerable<SummaryRow> rows)
    {
        var statistic = VariantStatistics.Find(VariantStatistics.Compute(["a"], null, [.. rows]), "a", "total_infections");
        return statistic.High!.Value - statistic.Low!.Value;
    }

    internal static IEnumerable<SummaryRow> Rows(string variant, IEnumerable<double> totals) =>
        totals.Select((t, r) => Row(variant, r, ("total_infections", t)));

    internal static SummaryRow Row(string variant, int replicate, params (string Metric, double? Value)[] metrics) => new()
    {
        Variant = variant,
        Replicate = replicate,
        Metrics = metrics.ToImmutableDictionary(m => m.Metric, m => m.Value, StringComparer.Ordinal),
    };
}
