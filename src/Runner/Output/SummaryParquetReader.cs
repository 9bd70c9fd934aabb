using System.Collections.Immutable;
using Parquet;

namespace Hcsim.Runner.Output;

/// <summary>Reads <c>summary.parquet</c> back into <see cref="SummaryRow"/>s, in file order.</summary>
public static class SummaryParquetReader
{
    public static async Task<IReadOnlyList<SummaryRow>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var reader = await OpenAsync(path, cancellationToken).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        // Columns beyond the fixed ones are the optional part totals: whole numbers, or ratios that may be empty.
        var known = ParquetSchemas.SummaryColumns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var parts = reader.Schema.GetDataFields().Where(f => !known.Contains(f.Name))
            .Select(f => ParquetSchemas.PartSummaryColumn(new Hcsim.Engine.Metrics.PartTotalColumn(f.Name, f.IsNullable, ""))).ToList();
        var partNames = parts.Select(c => c.Name).ToImmutableArray();
        var rows = new List<SummaryRow>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var variants = new string[count];
            await group.ReadAsync(Field(fields, "variant", path), variants, cancellationToken: cancellationToken).ConfigureAwait(false);
            var replicates = new int[count];
            await group.ReadAsync<int>(Field(fields, "replicate", path), replicates, cancellationToken: cancellationToken).ConfigureAwait(false);
            var regions = new string[count];
            if (fields.TryGetValue("region", out var regionField))
            {
                await group.ReadAsync(regionField, regions, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Array.Fill(regions, Hcsim.Engine.Scenarios.RegionModel.SingleName);
            }
            var metrics = new Dictionary<string, double?[]>(StringComparer.Ordinal);
            foreach (var column in ParquetSchemas.MetricColumns)
            {
                metrics[column.Name] = await ReadNumbersAsync(group, Field(fields, column.Name, path), column, count, cancellationToken).ConfigureAwait(false);
            }
            foreach (var column in parts)
            {
                metrics[column.Name] = await ReadNumbersAsync(group, fields[column.Name], column, count, cancellationToken).ConfigureAwait(false);
            }
            for (var i = 0; i < count; i++)
            {
                rows.Add(new SummaryRow
                {
                    Variant = variants[i],
                    Replicate = replicates[i],
                    Region = regions[i],
                    PartMetrics = partNames,
                    Metrics = metrics.ToImmutableDictionary(m => m.Key, m => m.Value[i], StringComparer.Ordinal),
                });
            }
        }
        return rows;
    }

    internal static async Task<ParquetReader> OpenAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputReadException($"{path}: cannot read: {e.Message}", e);
        }
    }

    internal static Parquet.Schema.DataField Field(Dictionary<string, Parquet.Schema.DataField> fields, string name, string path) =>
        fields.TryGetValue(name, out var field)
            ? field
            : throw new OutputReadException($"{path}: has no column '{name}'; was it written by another hcsim version?");

    private static async Task<double?[]> ReadNumbersAsync(
        ParquetRowGroupReader group, Parquet.Schema.DataField field, SummaryColumn column, int count, CancellationToken cancellationToken)
    {
        var result = new double?[count];
        if (column.Nullable)
        {
            var values = new double?[count];
            await group.ReadAsync<double>(field, values, cancellationToken: cancellationToken).ConfigureAwait(false);
            return values;
        }
        if (column.ClrType == typeof(int))
        {
            var values = new int[count];
            await group.ReadAsync<int>(field, values, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                result[i] = values[i];
            }
        }
        else if (column.ClrType == typeof(long))
        {
            var values = new long[count];
            await group.ReadAsync<long>(field, values, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                result[i] = values[i];
            }
        }
        else if (column.ClrType == typeof(double))
        {
            var values = new double[count];
            await group.ReadAsync<double>(field, values, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                result[i] = values[i];
            }
        }
        else
        {
            throw new InvalidOperationException($"summary column {column.Name}: no reader for {column.ClrType.Name}");
        }
        return result;
    }
}
