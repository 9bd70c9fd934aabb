using Hcsim.Engine.Metrics;
using Hcsim.Engine.Search;
using Parquet;
using Parquet.Schema;

namespace Hcsim.Runner.Search;

/// <summary>
/// Writes <c>search.parquet</c>: one row per evaluated candidate of every generation, in generation and index order.
/// Columns: <c>generation</c>, <c>candidate</c> (the id front.yaml names), one per decision variable (named by its path),
/// per objective <c>METRIC_mean</c>, <c>METRIC_low</c> and <c>METRIC_high</c> (mean over the replicates and its 95 %
/// t interval; empty with one replicate or when undefined), <c>replicates</c>, <c>rank</c> (non-domination rank among
/// every candidate, 0 = not dominated by any mean), <c>crowding</c> (crowding distance in its rank; empty for a rank's
/// extremes, whose distance is infinite) and <c>on_front</c> (on the honest front).
/// </summary>
public static class SearchParquetWriter
{
    public const string FileName = "search.parquet";

    /// <summary>The column names in file order.</summary>
    public static IReadOnlyList<string> ColumnNames(SearchConfig config) =>
    [
        "generation", "candidate", .. config.Variables.Select(v => v.Path),
        .. config.Objectives.SelectMany(o => new[] { $"{o.Metric}_mean", $"{o.Metric}_low", $"{o.Metric}_high" }),
        "replicates", "rank", "crowding", "on_front",
    ];

    /// <summary>Objective <paramref name="k"/>'s mean and 95 % interval for a candidate (null bounds without an interval, null mean when undefined).</summary>
    public static (double? Mean, double? Low, double? High) Interval(SearchCandidate candidate, int k)
    {
        var samples = candidate.Samples[k];
        if (samples.Any(double.IsNaN) || MeanInterval.Compute(samples) is not { } interval)
        {
            return (null, null, null);
        }
        return interval.HasInterval ? (interval.Mean, interval.Lower, interval.Upper) : (interval.Mean, null, null);
    }

    public static async Task WriteAsync(Stream output, SearchConfig config, IReadOnlyList<SearchCandidate> candidates, CancellationToken cancellationToken)
    {
        var names = ColumnNames(config);
        var fields = new List<DataField> { new DataField<int>(names[0]), new DataField<int>(names[1]) };
        fields.AddRange(config.Variables.Select(v => new DataField<double>(v.Path)));
        fields.AddRange(config.Objectives.SelectMany(o => new[] { $"{o.Metric}_mean", $"{o.Metric}_low", $"{o.Metric}_high" }).Select(n => new DataField<double?>(n)));
        fields.Add(new DataField<int>("replicates"));
        fields.Add(new DataField<int>("rank"));
        fields.Add(new DataField<double?>("crowding"));
        fields.Add(new DataField<bool>("on_front"));
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        var f = 0;
        await group.WriteAsync<int>(fields[f++], candidates.Select(c => c.Generation).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync<int>(fields[f++], candidates.Select(c => c.Id).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < config.Variables.Length; k++)
        {
            await group.WriteAsync<double>(fields[f++], candidates.Select(c => c.Values[k]).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        for (var k = 0; k < config.Objectives.Length; k++)
        {
            var intervals = candidates.Select(c => Interval(c, k)).ToArray();
            await group.WriteAsync<double>(fields[f++], intervals.Select(i => i.Mean).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<double>(fields[f++], intervals.Select(i => i.Low).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<double>(fields[f++], intervals.Select(i => i.High).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        await group.WriteAsync<int>(fields[f++], candidates.Select(c => c.Samples[0].Length).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync<int>(fields[f++], candidates.Select(c => c.Rank).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync<double>(fields[f++], candidates.Select(c => double.IsFinite(c.Crowding) ? c.Crowding : (double?)null).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync<bool>(fields[f], candidates.Select(c => c.OnFront).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
