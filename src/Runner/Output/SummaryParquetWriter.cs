using Hcsim.Engine.Metrics;
using Parquet;

namespace Hcsim.Runner.Output;

/// <summary>Writes <c>summary.parquet</c>: one row per run, in the order given, columns from <see cref="ParquetSchemas.SummaryColumns"/>.</summary>
public static class SummaryParquetWriter
{
    public static async Task WriteAsync(Stream output, IReadOnlyList<RunSummary> summaries, CancellationToken cancellationToken)
    {
        var schema = ParquetSchemas.Summary();
        var fields = schema.GetDataFields();
        await using var writer = await ParquetWriter.CreateAsync(schema, output, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var rowGroup = writer.CreateRowGroup();
        for (var c = 0; c < ParquetSchemas.SummaryColumns.Length; c++)
        {
            var column = ParquetSchemas.SummaryColumns[c];
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
