using Hcsim.Engine.Metrics;
using Parquet;

namespace Hcsim.Runner.Output;

/// <summary>Writes <c>summary.parquet</c>: one row per run, in the order given, columns from <see cref="ParquetSchemas.SummaryColumns"/>, then the parts' optional ones.</summary>
public static class SummaryParquetWriter
{
    public static Task WriteAsync(Stream output, IReadOnlyList<RunSummary> summaries, CancellationToken cancellationToken) =>
        WriteAsync(output, summaries, [], cancellationToken);

    /// <param name="parts">The scenario's optional summary columns (<see cref="ParquetSchemas.SummaryPartColumns"/>); every summary must carry exactly these totals.</param>
    public static async Task WriteAsync(Stream output, IReadOnlyList<RunSummary> summaries, IReadOnlyList<PartTotalColumn> parts, CancellationToken cancellationToken)
    {
        foreach (var summary in summaries)
        {
            if (!summary.PartTotals.Select(t => t.Name).SequenceEqual(parts.Select(p => p.Name)))
            {
                throw new InvalidOperationException(
                    $"summary of {summary.Variant} replicate {summary.Replicate} has the part totals [{string.Join(", ", summary.PartTotals.Select(t => t.Name))}] but the file has [{string.Join(", ", parts.Select(p => p.Name))}]");
            }
        }
        var columns = ParquetSchemas.SummaryColumnsWith(parts);
        var schema = ParquetSchemas.Summary(columns);
        var fields = schema.GetDataFields();
        await using var writer = await ParquetWriter.CreateAsync(schema, output, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var rowGroup = writer.CreateRowGroup();
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var field = fields[c];
            switch (column.ClrType, column.Nullable)
            {
                case (Type t, false) when t == typeof(string):
                    await rowGroup.WriteAsync(field, Values<string>(summaries, column)).ConfigureAwait(false);
                    break;
                case (Type t, false) when t == typeof(int):
                    await rowGroup.WriteAsync<int>(field, Values<int>(summaries, column), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case (Type t, false) when t == typeof(long):
                    await rowGroup.WriteAsync<long>(field, Values<long>(summaries, column), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case (Type t, false) when t == typeof(double):
                    await rowGroup.WriteAsync<double>(field, Values<double>(summaries, column), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case (Type t, true) when t == typeof(double):
                    await rowGroup.WriteAsync<double>(field, NullableValues<double>(summaries, column), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    // A new column type must get its own case here; failing loudly beats writing a wrong file.
                    throw new InvalidOperationException($"summary column {column.Name}: no writer for {column.ClrType.Name} (nullable: {column.Nullable})");
            }
        }
    }

    private static T[] Values<T>(IReadOnlyList<RunSummary> summaries, SummaryColumn column)
    {
        var values = new T[summaries.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (T)column.Value(summaries[i])!;
        }
        return values;
    }

    private static T?[] NullableValues<T>(IReadOnlyList<RunSummary> summaries, SummaryColumn column) where T : struct
    {
        var values = new T?[summaries.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (T?)column.Value(summaries[i]);
        }
        return values;
    }
}
