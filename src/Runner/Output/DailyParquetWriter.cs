using Hcsim.Engine.Metrics;
using Parquet;
using Parquet.Schema;

namespace Hcsim.Runner.Output;

/// <summary>
/// Writes <c>daily.parquet</c>: one row group per run, rows in day order. The caller decides the run order (see
/// <see cref="RunReorderBuffer"/>); this type only checks that every run has the columns of the schema.
/// </summary>
public sealed class DailyParquetWriter : IAsyncDisposable
{
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly IReadOnlyList<string> _metricColumns;

    private DailyParquetWriter(ParquetWriter writer, ParquetSchema schema, IReadOnlyList<string> metricColumns)
    {
        _writer = writer;
        _fields = schema.GetDataFields();
        _metricColumns = metricColumns;
    }

    public long RowsWritten { get; private set; }

    /// <param name="metricColumns">Metric column names in <see cref="DailyMetrics.Columns"/> order, the same for every run.</param>
    public static async Task<DailyParquetWriter> CreateAsync(Stream output, IReadOnlyList<string> metricColumns, CancellationToken cancellationToken)
    {
        var schema = ParquetSchemas.Daily(metricColumns);
        var writer = await ParquetWriter.CreateAsync(schema, output, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new DailyParquetWriter(writer, schema, metricColumns);
    }

    /// <summary>Writes a run's rows: one row group per region, in the run's region order.</summary>
    public async Task WriteRunAsync(RunResult run, CancellationToken cancellationToken)
    {
        foreach (var region in run.AllRegions)
        {
            await WriteRegionAsync(region, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteRegionAsync(RunResult run, CancellationToken cancellationToken)
    {
        var columns = run.Daily.Columns();
        if (columns.Count != _metricColumns.Count)
        {
            throw new OutputWriteException($"daily.parquet: run {run.Variant}/{run.Replicate} has {columns.Count} daily columns, the file has {_metricColumns.Count}");
        }
        var days = run.Daily.DaysSimulated;
        var variant = new string[days];
        Array.Fill(variant, run.Variant);
        var replicate = new int[days];
        Array.Fill(replicate, run.Replicate);
        var region = new string[days];
        Array.Fill(region, run.Region);
        var day = new int[days];
        for (var d = 0; d < days; d++)
        {
            day[d] = d;
        }

        using var rowGroup = _writer.CreateRowGroup();
        await rowGroup.WriteAsync(_fields[0], variant).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(_fields[1], replicate, cancellationToken: cancellationToken).ConfigureAwait(false);
        await rowGroup.WriteAsync(_fields[2], region).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(_fields[3], day, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            if (column.Name != _metricColumns[c] || column.Values.Length != run.Daily.Days)
            {
                throw new OutputWriteException(
                    $"daily.parquet: run {run.Variant}/{run.Replicate} column {c} is {column.Name} with {column.Values.Length} days, expected {_metricColumns[c]} with {run.Daily.Days}");
            }
            // A run that stopped early has rows only for the days it simulated.
            await rowGroup.WriteAsync<int>(_fields[4 + c], column.Values.AsMemory(0, days), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        RowsWritten += days;
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
