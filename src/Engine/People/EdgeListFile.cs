using Hcsim.Engine.Agents;

namespace Hcsim.Engine.People;

/// <summary>
/// Reads a measured contact network: an edge list (CSV, or Parquet through <see cref="DataFileReaders"/>) with columns <c>a</c> and <c>b</c> (person indices from 0, each
/// undirected pair once) and an optional <c>weight</c> (multiplies the layer's beta, at least 0), streamed into CSR.
/// Memory is the edge arrays (8 bytes an edge, 12 with weights) while reading, then the CSR (8 bytes an edge plus
/// 4 a person, 4 more an edge with weights). Refused with the file, line and column: a missing or unknown column,
/// a bad number, an id out of range, a self loop, a pair listed twice (in either order).
/// </summary>
public static class EdgeListFile
{
    public const string SettingPath = "population.community.from_file";

    /// <param name="people">Population size: ids must be below it.</param>
    /// <param name="dailyProbability">Chance that an edge is met on a day (stored with the graph).</param>
    /// <param name="readers">How to open the file (CSV, or Parquet through a passed reader); null = CSV only.</param>
    public static CommunityGraph Read(string path, int people, double dailyProbability, DataFileReaders? readers = null)
    {
        readers ??= DataFileReaders.CsvOnly;
        using var rows = readers.Open(path, SettingPath);
        var (ca, cb, cw) = (rows.Columns.IndexOf("a"), rows.Columns.IndexOf("b"), rows.Columns.IndexOf("weight"));
        foreach (var (name, index) in new[] { ("a", ca), ("b", cb) })
        {
            if (index < 0)
            {
                throw rows.Error(1, 1, $"the edge list has no column '{name}': its header must name a and b (and optionally weight), got {string.Join(",", rows.Columns)}");
            }
        }
        for (var c = 0; c < rows.Columns.Length; c++)
        {
            if (c != ca && c != cb && c != cw)
            {
                throw rows.Error(1, c + 1, $"unknown column '{rows.Columns[c]}': an edge list has the columns a, b and optionally weight");
            }
        }
        // Sized from the file, so that most files never grow the arrays.
        var capacity = (int)Math.Clamp(rows.EstimatedRows, 1024, Array.MaxLength / 2);
        var a = new int[capacity];
        var b = new int[capacity];
        var weights = cw >= 0 ? new float[capacity] : null;
        var count = 0;
        while (rows.Next())
        {
            if (count == a.Length)
            {
                Array.Resize(ref a, a.Length * 2);
                Array.Resize(ref b, b.Length * 2);
                if (weights is not null)
                {
                    Array.Resize(ref weights, weights.Length * 2);
                }
            }
            var from = Id(rows, ca, people);
            var to = Id(rows, cb, people);
            if (from == to)
            {
                throw rows.Error(rows.Line, cb + 1, $"a self loop ({from}, {to}): a person does not meet themselves");
            }
            a[count] = from;
            b[count] = to;
            if (weights is not null)
            {
                var weight = rows.Number(cw);
                if (weight < 0)
                {
                    throw rows.Error(rows.Line, cw + 1, $"column 'weight': must be at least 0, got {weight}");
                }
                weights[count] = (float)weight;
            }
            count++;
        }
        var (start, neighbours, edgeWeights) = Csr.FromWeightedEdges(people, a, b, weights, count);
        a = b = [];
        weights = null;
        if (FirstDuplicate(start, neighbours) is { } pair)
        {
            throw DuplicateError(path, pair, people, readers);
        }
        return CommunityGraph.FromCsr(start, neighbours, edgeWeights, dailyProbability);
    }

    private static int Id(IRowSource rows, int column, int people)
    {
        var id = rows.Int(column);
        if (id < 0 || id >= people)
        {
            throw rows.Error(rows.Line, column + 1, $"column '{rows.Columns[column]}': person {id} is out of range: ids run from 0 to {people - 1} (the population has {people} people)");
        }
        return id;
    }

    /// <summary>The first pair that appears twice in a sorted row, or null.</summary>
    private static (int A, int B)? FirstDuplicate(int[] start, int[] neighbours)
    {
        for (var i = 0; i + 1 < start.Length; i++)
        {
            for (var k = start[i] + 1; k < start[i + 1]; k++)
            {
                if (neighbours[k] == neighbours[k - 1])
                {
                    return (i, neighbours[k]);
                }
            }
        }
        return null;
    }

    /// <summary>Finds the line of the pair's second listing (a second pass, on the error path only).</summary>
    private static Errors.ScenarioValidationException DuplicateError(string path, (int A, int B) pair, int people, DataFileReaders readers)
    {
        using var rows = readers.Open(path, SettingPath);
        var (ca, cb) = (rows.Columns.IndexOf("a"), rows.Columns.IndexOf("b"));
        var first = 0;
        while (rows.Next())
        {
            var (x, y) = (rows.Int(ca), rows.Int(cb));
            if ((x == pair.A && y == pair.B) || (x == pair.B && y == pair.A))
            {
                if (first > 0)
                {
                    return rows.Error(rows.Line, ca + 1, $"the pair ({pair.A}, {pair.B}) is listed twice (first on line {first}): list each undirected pair once");
                }
                first = rows.Line;
            }
        }
        return rows.Error(0, 0, $"the pair ({pair.A}, {pair.B}) is listed twice; list each undirected pair once (population {people})");
    }
}
