using Hcsim.Engine.Random;

namespace Hcsim.Engine.Tests.Validation;

/// <summary>
/// A random graph with a given degree sequence by stub matching (the configuration model): each person gets
/// k stubs, the stubs are shuffled (Fisher-Yates with <see cref="CounterRng"/>, stream PopulationCommunity) and paired
/// in order. Self-loops and repeated pairs are dropped, so the realised degrees can fall slightly below the drawn ones;
/// <see cref="DegreeShares"/> measures the realised degree distribution, which is what the theory is fed.
/// </summary>
internal sealed class ConfigurationModel
{
    private ConfigurationModel((int A, int B)[] edges, double[] degreeShares)
    {
        Edges = edges;
        DegreeShares = degreeShares;
    }

    public (int A, int B)[] Edges { get; }
    /// <summary>Share of people with realised degree k, indexed by k.</summary>
    public double[] DegreeShares { get; }

    /// <param name="degreeOf">Maps a uniform draw in [0, 1) to a degree (an inverse CDF).</param>
    public static ConfigurationModel Build(int size, Func<double, int> degreeOf, ulong seed)
    {
        var stubs = new List<int>();
        for (var i = 0; i < size; i++)
        {
            var k = degreeOf(CounterRng.Uniform(seed, RngStream.PopulationCommunity, 0, i, 0));
            for (var s = 0; s < k; s++)
            {
                stubs.Add(i);
            }
        }
        if (stubs.Count % 2 == 1)
        {
            // An odd stub count cannot be matched: drop the last stub (one person loses one edge).
            stubs.RemoveAt(stubs.Count - 1);
        }
        for (var i = stubs.Count - 1; i > 0; i--)
        {
            var j = CounterRng.Below(seed, RngStream.PopulationCommunity, 1, i, 0, i + 1);
            (stubs[i], stubs[j]) = (stubs[j], stubs[i]);
        }
        var seen = new HashSet<long>();
        var edges = new List<(int A, int B)>();
        var degree = new int[size];
        for (var s = 0; s + 1 < stubs.Count; s += 2)
        {
            var a = Math.Min(stubs[s], stubs[s + 1]);
            var b = Math.Max(stubs[s], stubs[s + 1]);
            if (a != b && seen.Add(((long)a << 32) | (uint)b))
            {
                edges.Add((a, b));
                degree[a]++;
                degree[b]++;
            }
        }
        var shares = new double[degree.Max() + 1];
        foreach (var k in degree)
        {
            shares[k] += 1.0 / size;
        }
        return new ConfigurationModel([.. edges], shares);
    }

    /// <summary>Inverse CDF of a Poisson distribution with the given mean.</summary>
    public static Func<double, int> Poisson(double mean) => u =>
    {
        var k = 0;
        var term = Math.Exp(-mean);
        var cumulative = term;
        while (u >= cumulative && k < 1000)
        {
            k++;
            term *= mean / k;
            cumulative += term;
        }
        return k;
    };

    /// <summary>Degree <paramref name="low"/> with probability <paramref name="lowShare"/>, else <paramref name="high"/>.</summary>
    public static Func<double, int> TwoDegrees(int low, double lowShare, int high) => u => u < lowShare ? low : high;
}
