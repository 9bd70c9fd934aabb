using Hcsim.Engine.Random;

namespace Hcsim.Engine.Agents;

/// <summary>
/// The static community graph, symmetric, in two parts so that a province-sized population fits in memory:
/// an implicit ring (each person's neighbours are the people up to <see cref="RingHalfDegree"/> places before and after
/// them in household order, outside their own household, i.e. people living nearby), minus the ring edges that were
/// rewired away (<see cref="RingRemoved"/>), plus explicit edges (<see cref="ExtraStart"/>/<see cref="ExtraNeighbours"/>,
/// CSR): the rewired long-range ends, or every edge of a graph given edge by edge.
/// </summary>
public sealed class CommunityGraph
{
    /// <summary>Ring edges per side that a removal mask can describe.</summary>
    public const int MaxRingHalfDegree = 16;

    private CommunityGraph(int ringHalfDegree, ushort[] ringRemoved, int[] extraStart, int[] extraNeighbours, double meanDegree)
    {
        RingHalfDegree = ringHalfDegree;
        RingRemoved = ringRemoved;
        ExtraStart = extraStart;
        ExtraNeighbours = extraNeighbours;
        MeanDegree = meanDegree;
    }

    /// <summary>Ring neighbours on each side (0: no ring).</summary>
    public int RingHalfDegree { get; }
    /// <summary>Bit j-1 of agent a is set when the ring edge (a, a+j) was rewired away; empty when there is no ring.</summary>
    public ushort[] RingRemoved { get; }
    public int[] ExtraStart { get; }
    public int[] ExtraNeighbours { get; }
    /// <summary>Mean number of neighbours per person (ring edges kept plus explicit edges, counted at both ends).</summary>
    public double MeanDegree { get; }

    /// <summary>Per explicit edge (aligned with <see cref="ExtraNeighbours"/>): multiplies the layer's beta; null = all 1.</summary>
    public float[]? Weights { get; private init; }

    /// <summary>Chance that an edge is met on a day, for a graph read from a file; null = contacts_per_day / mean degree.</summary>
    public double? DailyProbability { get; private init; }

    /// <summary>The weight of the edge (agent, other): 1 without weights (a binary search in the agent's sorted row).</summary>
    public float WeightOf(int agent, int other)
    {
        if (Weights is null)
        {
            return 1f;
        }
        var at = Array.BinarySearch(ExtraNeighbours, ExtraStart[agent], ExtraStart[agent + 1] - ExtraStart[agent], other);
        return at >= 0 ? Weights[at] : 1f;
    }

    /// <summary>A graph given as CSR rows (each sorted, each edge at both ends), read from a file (no ring).</summary>
    public static CommunityGraph FromCsr(int[] start, int[] neighbours, float[]? weights, double dailyProbability)
    {
        var size = start.Length - 1;
        return new CommunityGraph(0, [], start, neighbours, size == 0 ? 0 : (double)neighbours.Length / size)
        {
            Weights = weights,
            DailyProbability = dailyProbability,
        };
    }

    public ReadOnlySpan<int> ExtraOf(int agent) => ExtraNeighbours.AsSpan(ExtraStart[agent], ExtraStart[agent + 1] - ExtraStart[agent]);

    /// <summary>Every neighbour of <paramref name="agent"/>, ring first (for tests and tools; the hot loop walks the arrays).</summary>
    public List<int> NeighboursOf(int agent, int[] householdStart, int[] householdOf)
    {
        var result = new List<int>();
        var size = householdOf.Length;
        var household = householdOf[agent];
        for (var j = 1; j <= RingHalfDegree; j++)
        {
            var after = agent + j;
            if (after < size && after >= householdStart[household + 1] && (RingRemoved[agent] & (1 << (j - 1))) == 0)
            {
                result.Add(after);
            }
            var before = agent - j;
            if (before >= 0 && before < householdStart[household] && (RingRemoved[before] & (1 << (j - 1))) == 0)
            {
                result.Add(before);
            }
        }
        result.AddRange(ExtraOf(agent).ToArray());
        return result;
    }

    /// <summary>A graph given as undirected edges (no ring).</summary>
    public static CommunityGraph FromEdges(int size, IReadOnlyList<(int A, int B)> edges)
    {
        var a = new int[edges.Count];
        var b = new int[edges.Count];
        for (var e = 0; e < edges.Count; e++)
        {
            (a[e], b[e]) = edges[e];
        }
        var (start, neighbours) = Csr.FromEdges(size, a, b, edges.Count);
        return new CommunityGraph(0, [], start, neighbours, size == 0 ? 0 : (double)neighbours.Length / size);
    }

    /// <summary>
    /// Watts-Strogatz over household order: ring edges to the nearest <paramref name="halfDegree"/> people on each side
    /// (people of the same household excluded: they already meet at home), each rewired with probability
    /// <paramref name="rewireProbability"/> to a uniformly chosen person (stream PopulationCommunity).
    /// </summary>
    public static CommunityGraph SmallWorld(int[] householdStart, int[] householdOf, int halfDegree, double rewireProbability, ulong seed)
    {
        var size = householdOf.Length;
        halfDegree = Math.Min(halfDegree, Math.Max(0, size - 1));
        if (halfDegree <= 0)
        {
            return FromEdges(size, []);
        }
        if (halfDegree > MaxRingHalfDegree)
        {
            throw new ArgumentOutOfRangeException(nameof(halfDegree), $"a community degree above {2 * MaxRingHalfDegree} is not supported");
        }
        var removed = new ushort[size];
        var fromList = new List<int>();
        var toList = new List<int>();
        long kept = 0;
        for (var a = 0; a < size; a++)
        {
            var householdEnd = householdStart[householdOf[a] + 1];
            for (var j = 1; j <= halfDegree; j++)
            {
                var b = a + j;
                if (b >= size)
                {
                    break;
                }
                if (b < householdEnd)
                {
                    continue;
                }
                if (CounterRng.Uniform(seed, RngStream.PopulationCommunity, 1, a, j) < rewireProbability)
                {
                    removed[a] |= (ushort)(1 << (j - 1));
                    var r = CounterRng.Below(seed, RngStream.PopulationCommunity, 2, a, j, size - 1);
                    fromList.Add(a);
                    toList.Add(r >= a ? r + 1 : r);
                }
                else
                {
                    kept++;
                }
            }
        }
        var (start, neighbours) = Csr.FromEdges(size, [.. fromList], [.. toList], fromList.Count);
        return new CommunityGraph(halfDegree, removed, start, neighbours, (2.0 * kept + neighbours.Length) / size);
    }
}
