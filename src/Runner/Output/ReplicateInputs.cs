using System.Collections.Immutable;
using Hcsim.Engine.Uncertainty;
using Parquet;
using Parquet.Schema;

namespace Hcsim.Runner.Output;

/// <summary>
/// The drawn input values of every replicate, the content of <c>inputs.parquet</c>: one row per replicate
/// (<c>replicate</c>, then <c>input_NAME</c> per uncertain input in declared order). Variants share their replicate's row.
/// </summary>
public sealed record ReplicateInputs
{
    public const string File = "inputs.parquet";

    /// <summary>Column names, <c>input_NAME</c>, in declared order.</summary>
    public required ImmutableArray<string> Columns { get; init; }
    /// <summary><c>Values[r][k]</c>: replicate r's value of input k.</summary>
    public required IReadOnlyList<double[]> Values { get; init; }

    public static ReplicateInputs From(InputDraws draws) => new()
    {
        Columns = [.. draws.Inputs.Select(i => $"input_{i.Name}")],
        Values = [.. Enumerable.Range(0, draws.Replicates).Select(r => Enumerable.Range(0, draws.Inputs.Length).Select(k => draws.Value(r, k)).ToArray())],
    };

    public async Task WriteAsync(Stream output, CancellationToken cancellationToken)
    {
        List<Field> fields = [new DataField<int>("replicate"), .. Columns.Select(c => new DataField<double>(c))];
        var schema = new ParquetSchema(fields);
        var data = schema.GetDataFields();
        await using var writer = await ParquetWriter.CreateAsync(schema, output, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var rowGroup = writer.CreateRowGroup();
        await rowGroup.WriteAsync<int>(data[0], Enumerable.Range(0, Values.Count).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < Columns.Length; k++)
        {
            await rowGroup.WriteAsync<double>(data[k + 1], Values.Select(v => v[k]).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a folder's inputs.parquet (rows in replicate order).</summary>
    public static async Task<ReplicateInputs> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var reader = await SummaryParquetReader.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        var columns = fields.Skip(1).Select(f => f.Name).ToImmutableArray();
        var rows = new List<(int Replicate, double[] Values)>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var replicates = new int[count];
            await group.ReadAsync<int>(fields[0], replicates, cancellationToken: cancellationToken).ConfigureAwait(false);
            var values = new double[columns.Length][];
            for (var k = 0; k < columns.Length; k++)
            {
                values[k] = new double[count];
                await group.ReadAsync<double>(fields[k + 1], values[k], cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            for (var i = 0; i < count; i++)
            {
                rows.Add((replicates[i], [.. values.Select(column => column[i])]));
            }
        }
        return new ReplicateInputs { Columns = columns, Values = [.. rows.OrderBy(r => r.Replicate).Select(r => r.Values)] };
    }
}
