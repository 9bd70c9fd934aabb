using Parquet;
using Parquet.Schema;

namespace Hcsim.Runner.Output;

/// <summary>
/// Writes <c>variants.parquet</c>: long format, one row per variant and summary metric (variants in scenario order,
/// metrics in summary.parquet's column order). Columns are documented in docs/outputs-variants.md.
/// </summary>
public static class VariantsParquetWriter
{
    public static ParquetSchema Schema() => new(
        new DataField<string>("variant", nullable: false),
        new DataField<string>("region", nullable: false),
        new DataField<string>("metric", nullable: false),
        new DataField<int>("n"),
        new DataField<double?>("mean"),
        new DataField<double?>("sd"),
        new DataField<double?>("low"),
        new DataField<double?>("high"),
        new DataField<int>("diff_n"),
        new DataField<double?>("diff_mean"),
        new DataField<double?>("diff_low"),
        new DataField<double?>("diff_high"),
        new DataField<int>("ref_diff_n"),
        new DataField<double?>("ref_diff_mean"),
        new DataField<double?>("ref_diff_low"),
        new DataField<double?>("ref_diff_high"));

    public static async Task WriteAsync(Stream output, IReadOnlyList<VariantStatistic> statistics, CancellationToken cancellationToken)
    {
        var schema = Schema();
        var fields = schema.GetDataFields();
        await using var writer = await ParquetWriter.CreateAsync(schema, output, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var rowGroup = writer.CreateRowGroup();
        await rowGroup.WriteAsync(fields[0], statistics.Select(s => s.Variant).ToArray()).ConfigureAwait(false);
        await rowGroup.WriteAsync(fields[1], statistics.Select(s => s.Region).ToArray()).ConfigureAwait(false);
        await rowGroup.WriteAsync(fields[2], statistics.Select(s => s.Metric).ToArray()).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(fields[3], statistics.Select(s => s.N).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await WriteNullable(rowGroup, fields[4], statistics, s => s.Mean, cancellationToken).ConfigureAwait(false);
        await WriteNullable(rowGroup, fields[5], statistics, s => s.Sd, cancellationToken).ConfigureAwait(false);
        await WriteNullable(rowGroup, fields[6], statistics, s => s.Low, cancellationToken).ConfigureAwait(false);
        await WriteNullable(rowGroup, fields[7], statistics, s => s.High, cancellationToken).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(fields[8], statistics.Select(s => s.DiffN).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await WriteNullable(rowGroup, fields[9], statistics, s => s.DiffMean, cancellationToken).ConfigureAwait(false);
        await WriteNullable(rowGroup, fields[10], statistics, s => s.DiffLow, cancellationToken).ConfigureAwait(false);
        await WriteNullable(rowGroup, fields[11], statistics, s => s.DiffHigh, cancellationToken).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(fields[12], statistics.Select(s => s.RefDiffN).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await WriteNullable(rowGroup, fields[13], statistics, s => s.RefDiffMean, cancellationToken).ConfigureAwait(false);
        await WriteNullable(rowGroup, fields[14], statistics, s => s.RefDiffLow, cancellationToken).ConfigureAwait(false);
        await WriteNullable(rowGroup, fields[15], statistics, s => s.RefDiffHigh, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteNullable(
        ParquetRowGroupWriter rowGroup, DataField field, IReadOnlyList<VariantStatistic> statistics, Func<VariantStatistic, double?> value, CancellationToken cancellationToken) =>
        await rowGroup.WriteAsync<double>(field, statistics.Select(value).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
}
