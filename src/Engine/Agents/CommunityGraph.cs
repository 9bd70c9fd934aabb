namespace Hcsim.Engine.Agents;

/// <summary>Turns an undirected edge list into a symmetric CSR (neighbours of each agent sorted).</summary>
public static class CommunityGraph
{
    public static (int[] Start, int[] Neighbours) FromEdges(int size, IReadOnlyList<(int A, int B)> edges)
    {
        var start = new int[size + 1];
        foreach (var (a, b) in edges)
        {
            start[a + 1]++;
            start[b + 1]++;
        }
        for (var i = 0; i < size; i++)
        {
            start[i + 1] += start[i];
        }
        var neighbours = new int[start[size]];
        var fill = start[..size];
        foreach (var (a, b) in edges)
        {
            neighbours[fill[a]++] = b;
            neighbours[fill[b]++] = a;
        }
        for (var i = 0; i < size; i++)
        {
            Array.Sort(neighbours, start[i], start[i + 1] - start[i]);
        }
        return (start, neighbours);
    }
}
