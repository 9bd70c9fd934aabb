using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace Hcsim.Runner.Output;

/// <summary>
/// Writes <c>daily.csv</c>, <c>summary.csv</c> and <c>variants.csv</c> beside the Parquet files, for tools without a
/// Parquet reader: the same columns in the same order, one line per row. RFC 4180: comma-separated, CRLF line ends, a
/// header line, a field quoted (with inner quotes doubled) only when it holds a comma, a quote or a line break. Numbers
/// use the invariant culture (a dot for decimals, no thousands separator; doubles round-trip exactly) and an empty
/// Parquet cell (null) is an empty field, never 0.
/// </summary>
public static class CsvExport
{
    /// <summary>The Parquet tables that have a CSV twin, in the order they are written.</summary>
    public static IReadOnlyList<string> Tables { get; } = [ResultsPipeline.DailyFile, ResultsPipeline.SummaryFile, ResultsPipeline.VariantsFile, ReplicateInputs.File];

    /// <summary>The CSV name of a Parquet table: <c>daily.parquet</c> gives <c>daily.csv</c>.</summary>
    public static string CsvName(string parquetFile) => Path.ChangeExtension(parquetFile, ".csv");

    /// <summary>Converts every table of <see cref="Tables"/> found under <paramref name="source"/>, writing through <paramref name="create"/>.</summary>
    /// <param name="source">Full path of a Parquet file by its name.</param>
    /// <param name="create">Opens the CSV file by its name.</param>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(Func<string, string> source, Func<string, Stream> create, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        foreach (var table in Tables)
        {
            var path = source(table);
            if (!File.Exists(path))
            {
                continue;
            }
            var name = CsvName(table);
            await using (var output = create(name))
            {
                await ConvertAsync(path, output, cancellationToken).ConfigureAwait(false);
            }
            written.Add(name);
        }
        return written;
    }

    /// <summary>Writes one Parquet file as CSV, row group by row group (a row group's columns are held in memory).</summary>
    public static async Task ConvertAsync(string parquetPath, Stream output, CancellationToken cancellationToken)
    {
        await using var reader = await SummaryParquetReader.OpenAsync(parquetPath, cancellationToken).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', fields.Select(f => Field(f.Name)))).ConfigureAwait(false);
        var line = new StringBuilder();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var columns = new string[fields.Length][];
            for (var c = 0; c < fields.Length; c++)
            {
                columns[c] = await ReadCellsAsync(group, fields[c], count, cancellationToken).ConfigureAwait(false);
            }
            for (var i = 0; i < count; i++)
            {
                line.Clear();
                for (var c = 0; c < fields.Length; c++)
                {
                    line.Append(c == 0 ? "" : ",").Append(columns[c][i]);
                }
                await writer.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One field of RFC 4180: quoted when it holds a comma, a double quote or a line break.</summary>
    public static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<string[]> ReadCellsAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        // A string column read back from a file reports ReadOnlyMemory<char> as its type; it reads as strings all the same.
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var values = new string[count];
            await group.ReadAsync(field, values, cancellationToken: cancellationToken).ConfigureAwait(false);
            return [.. values.Select(v => v is null ? "" : Field(v))];
        }
        if (type == typeof(int))
        {
            return await ReadAsync<int>(group, field, count, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }
        if (type == typeof(long))
        {
            return await ReadAsync<long>(group, field, count, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }
        if (type == typeof(double))
        {
            return await ReadAsync<double>(group, field, count, v => v.ToString("R", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }
        if (type == typeof(bool))
        {
            return await ReadAsync<bool>(group, field, count, v => v ? "true" : "false", cancellationToken).ConfigureAwait(false);
        }
        throw new InvalidOperationException($"column {field.Name}: no CSV writer for {type.Name}");
    }

    private static async Task<string[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int count, Func<T, string> format, CancellationToken cancellationToken)
        where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[count];
            await group.ReadAsync<T>(field, nullable, cancellationToken: cancellationToken).ConfigureAwait(false);
            return [.. nullable.Select(v => v is { } x ? format(x) : "")];
        }
        var values = new T[count];
        await group.ReadAsync<T>(field, values, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. values.Select(format)];
    }
}
