namespace Hcsim.Engine.Agents;

/// <summary>
/// Builds compressed sparse rows by counting: row r holds <c>Values[Start[r]..Start[r+1])</c>, the values of its
/// entries in entry order. Used for group memberships and the community graph's explicit edges.
/// </summary>
public static class Csr
{
    public static (int[] Start, int[] Values) Build<TEntries>(int rows, TEntries entries) where TEntries : struct, ICsrEntries
    {
        var start = new int[rows + 1];
        var count = entries.Count;
        for (var k = 0; k < count; k++)
        {
            var row = entries.RowOf(k);
            if (row >= 0)
            {
                start[row + 1]++;
            }
        }
        for (var r = 0; r < rows; r++)
        {
            start[r + 1] += start[r];
        }
        var values = new int[start[rows]];
        var fill = start[..rows];
        for (var k = 0; k < count; k++)
        {
            var row = entries.RowOf(k);
            if (row >= 0)
            {
                values[fill[row]++] = entries.ValueOf(k);
            }
        }
        return (start, values);
    }

    /// <summary>Group g lists the agents i with <c>groupOf[i] == g</c>, in index order (-1: in no group).</summary>
    public static (int[] Start, int[] Members) FromGroupOf(int[] groupOf, int groups) => Build(groups, new Membership(groupOf));

    /// <summary>Undirected edges (a[e], b[e]) as neighbour lists: each edge listed at both ends, each row sorted.</summary>
    public static (int[] Start, int[] Neighbours) FromEdges(int size, int[] a, int[] b, int count)
    {
        var (start, neighbours) = Build(size, new BothEnds(a, b, count));
        for (var i = 0; i < size; i++)
        {
            Array.Sort(neighbours, start[i], start[i + 1] - start[i]);
        }
        return (start, neighbours);
    }

    /// <summary>
    /// Undirected edges with optional weights as neighbour lists (<see cref="FromEdges"/>), each row sorted with its
    /// weights alongside; weights null gives null.
    /// </summary>
    public static (int[] Start, int[] Neighbours, float[]? Weights) FromWeightedEdges(int size, int[] a, int[] b, float[]? weights, int count)
    {
        var (start, neighbours) = Build(size, new BothEnds(a, b, count));
        float[]? rowWeights = null;
        if (weights is not null)
        {
            // The same counting pass over the weights: entry k of BothEnds is edge k % count.
            var (_, edgeOf) = Build(size, new BothEndsEdge(a, b, count));
            rowWeights = new float[edgeOf.Length];
            for (var k = 0; k < edgeOf.Length; k++)
            {
                rowWeights[k] = weights[edgeOf[k]];
            }
        }
        for (var i = 0; i < size; i++)
        {
            if (rowWeights is null)
            {
                Array.Sort(neighbours, start[i], start[i + 1] - start[i]);
            }
            else
            {
                Array.Sort(neighbours, rowWeights, start[i], start[i + 1] - start[i]);
            }
        }
        return (start, neighbours, rowWeights);
    }

    private readonly struct BothEndsEdge(int[] a, int[] b, int edges) : ICsrEntries
    {
        public int Count => 2 * edges;
        public int RowOf(int entry) => entry < edges ? a[entry] : b[entry - edges];
        public int ValueOf(int entry) => entry < edges ? entry : entry - edges;
    }

    private readonly struct Membership(int[] groupOf) : ICsrEntries
    {
        public int Count => groupOf.Length;
        public int RowOf(int entry) => groupOf[entry];
        public int ValueOf(int entry) => entry;
    }

    private readonly struct BothEnds(int[] a, int[] b, int edges) : ICsrEntries
    {
        public int Count => 2 * edges;
        public int RowOf(int entry) => entry < edges ? a[entry] : b[entry - edges];
        public int ValueOf(int entry) => entry < edges ? b[entry] : a[entry - edges];
    }
}
