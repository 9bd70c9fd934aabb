namespace Hcsim.Runner.Output;

/// <summary>
/// Everything the plots and the report are drawn from, read from a results folder's files: the metadata of
/// manifest.json, the rows of summary.parquet, their statistics and the daily series of daily.parquet. Because a run
/// builds its pictures from this too, <c>hcsim plot</c> reproduces them byte for byte.
/// </summary>
public sealed record ResultsData
{
    public required ResultsMetadata Metadata { get; init; }
    public required IReadOnlyList<SummaryRow> Summary { get; init; }
    public required IReadOnlyList<VariantStatistic> Statistics { get; init; }
    public required IReadOnlyList<VariantDailySeries> Daily { get; init; }
    /// <summary>The drawn inputs of inputs.parquet; null when the scenario has no uncertain inputs.</summary>
    public ReplicateInputs? Inputs { get; init; }

    /// <summary>Reads summary.parquet and (unless <paramref name="withDaily"/> is false) daily.parquet of a folder.</summary>
    public static async Task<ResultsData> ReadAsync(string folder, ResultsMetadata metadata, bool withDaily, CancellationToken cancellationToken)
    {
        var summary = await SummaryParquetReader.ReadAsync(Path.Combine(folder, ResultsPipeline.SummaryFile), cancellationToken).ConfigureAwait(false);
        var daily = withDaily
            ? await DailySeriesReader.ReadAsync(Path.Combine(folder, ResultsPipeline.DailyFile), metadata, cancellationToken).ConfigureAwait(false)
            : [];
        return new ResultsData
        {
            Metadata = metadata,
            Summary = summary,
            Statistics = VariantStatistics.Compute(metadata.VariantNames, metadata.Counterfactual, summary, metadata.ReferenceName),
            Daily = daily,
            Inputs = metadata.UncertainInputs.IsDefaultOrEmpty ? null
                : await ReplicateInputs.ReadAsync(Path.Combine(folder, ReplicateInputs.File), cancellationToken).ConfigureAwait(false),
        };
    }
}
