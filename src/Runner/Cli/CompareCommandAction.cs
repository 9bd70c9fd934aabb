using System.Globalization;
using System.Text;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Cli;

/// <summary>
/// <c>hcsim compare DIR_A DIR_B</c>: two runs' summaries side by side, per variant and metric: the mean over replicates
/// in A, in B, and B − A. Variants are matched by name (A's order first, then those only in B). When both folders share
/// the base seed, replicate r of A and replicate r of B share their randomness, so B − A is paired replicate by
/// replicate and gets a 95 % paired t interval on the line below it; otherwise it is the difference of the means and
/// the output says why there is no interval. Fits 80 columns.
/// </summary>
public sealed class CompareCommandAction
{
    private const int MetricWidth = 34;
    private const int NumberWidth = 13;

    private readonly CliConsole _console;

    public CompareCommandAction(CliConsole console)
    {
        _console = console;
    }

    public async Task<int> RunAsync(string folderA, string folderB, CancellationToken cancellationToken)
    {
        var a = await RebuildCommandAction.ReadAsync(folderA, withDaily: false, cancellationToken).ConfigureAwait(false);
        var b = await RebuildCommandAction.ReadAsync(folderB, withDaily: false, cancellationToken).ConfigureAwait(false);
        await _console.Output.WriteAsync(Render(a, b, folderA, folderB)).ConfigureAwait(false);
        var differences = Differences(a, b);
        if (differences.Count > 0)
        {
            await _console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"hcsim: note: the two folders are not like for like ({differences.Count} difference(s) besides the policies; see the notes above the table)")).ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }

    public static string Render(ResultsData a, ResultsData b, string nameA, string nameB)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"A: {nameA} ({a.Metadata.Name}, {a.Metadata.Replicates} replicates)\n");
        text.Append(CultureInfo.InvariantCulture, $"B: {nameB} ({b.Metadata.Name}, {b.Metadata.Replicates} replicates)\n");
        text.Append("Means over replicates; '-' where a variant or value is missing.\n");
        var paired = a.Metadata.BaseSeed == b.Metadata.BaseSeed;
        text.Append(paired
            ? "Same base seed: B-A is paired (replicate r of B minus replicate r of A),\nwith its 95 % paired t interval on the line below it.\n"
            : "The base seeds differ, so replicates cannot be paired:\nB-A is the difference of the means, without an interval.\n");
        foreach (var difference in Differences(a, b))
        {
            text.Append("note: ").Append(difference).Append('\n');
        }
        var variants = a.Metadata.VariantNames.Concat(b.Metadata.VariantNames.Where(n => !a.Metadata.VariantNames.Contains(n))).ToList();
        // A multi-region folder compares region by region (a single-region folder has the one region 'main').
        var regions = a.Summary.Concat(b.Summary).Select(r => r.Region).Distinct(StringComparer.Ordinal).DefaultIfEmpty(RegionModel.SingleName).ToList();
        foreach (var (variant, region) in variants.SelectMany(v => regions.Select(r => (v, r))))
        {
            text.Append("\nvariant ").Append(variant).Append(regions.Count == 1 ? "" : ", region " + region).Append('\n');
            text.Append("  ").Append("metric".PadRight(MetricWidth)).Append("A".PadLeft(NumberWidth)).Append("B".PadLeft(NumberWidth)).Append("B-A".PadLeft(NumberWidth)).Append('\n');
            foreach (var metric in ParquetSchemas.MetricNames(a.Summary).Union(ParquetSchemas.MetricNames(b.Summary)))
            {
                var meanA = Mean(a, variant, region, metric);
                var meanB = Mean(b, variant, region, metric);
                var difference = meanA is { } x && meanB is { } y ? Signed(y - x) : "-";
                var interval = "";
                if (paired && MeanInterval.Compute(PairedDifferences(a, b, variant, metric, region)) is { } pairs)
                {
                    difference = Signed(pairs.Mean);
                    interval = pairs.HasInterval ? $"[{Signed(pairs.Lower)}, {Signed(pairs.Upper)}]" : "(one pair: no interval)";
                }
                // A name too long for its column gets a line of its own, so the numbers stay aligned within 80 columns.
                text.Append("  ").Append(metric.Length <= MetricWidth ? metric.PadRight(MetricWidth) : metric + "\n" + new string(' ', 2 + MetricWidth))
                    .Append(Format(meanA).PadLeft(NumberWidth)).Append(Format(meanB).PadLeft(NumberWidth)).Append(difference.PadLeft(NumberWidth)).Append('\n');
                if (interval.Length > 0)
                {
                    text.Append(interval.PadLeft(2 + MetricWidth + 3 * NumberWidth)).Append('\n');
                }
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// What makes the two folders not like for like (seeds, replicates, and per shared variant the population and days),
    /// each in a sentence that says what it means; empty when only the policies can explain a difference.
    /// </summary>
    public static IReadOnlyList<string> Differences(ResultsData a, ResultsData b)
    {
        const string Advice = "rerun one of them with the same settings to compare the policies alone";
        var notes = new List<string>();
        if (a.Metadata.BaseSeed != b.Metadata.BaseSeed)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"the seeds differ (A {a.Metadata.BaseSeed}, B {b.Metadata.BaseSeed}): B-A includes chance, not only the policies; use the same --seed to compare them alone"));
        }
        if (a.Metadata.Replicates != b.Metadata.Replicates)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"the replicates differ (A {a.Metadata.Replicates}, B {b.Metadata.Replicates}): the means are over different runs; {Advice}"));
        }
        foreach (var variantA in a.Metadata.Variants)
        {
            if (b.Metadata.Variants.FirstOrDefault(v => v.Name == variantA.Name) is not { } variantB)
            {
                continue;
            }
            if (variantA.Population != variantB.Population)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"variant {variantA.Name}: the population differs (A {variantA.Population:N0} people, B {variantB.Population:N0}): counts are not comparable; {Advice}"));
            }
            if (variantA.Days != variantB.Days)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"variant {variantA.Name}: the days differ (A {variantA.Days}, B {variantB.Days}): sums and peaks cover different periods; {Advice}"));
            }
        }
        return notes;
    }

    /// <summary>B's value minus A's for each replicate both folders hold for the variant (r with r), where both are defined.</summary>
    public static List<double> PairedDifferences(ResultsData a, ResultsData b, string variant, string metric, string region = RegionModel.SingleName)
    {
        var runsA = a.Summary.Where(r => r.Variant == variant && r.Region == region).ToDictionary(r => r.Replicate);
        return VariantStatistics.PairedDifferences(b.Summary.Where(r => r.Variant == variant && r.Region == region), runsA, metric);
    }

    private static double? Mean(ResultsData data, string variant, string region, string metric) =>
        data.Statistics.FirstOrDefault(s => s.Variant == variant && s.Region == region && s.Metric == metric)?.Mean;

    private static string Format(double? value) => value is { } v ? ReportWriter.Format(v) : "-";

    private static string Signed(double value) => (value > 0 ? "+" : "") + ReportWriter.Format(value);
}
