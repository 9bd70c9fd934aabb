using System.Collections.Immutable;
using Hcsim.Engine.Random;

namespace Hcsim.Engine.Search;

/// <summary>
/// The arithmetic of NSGA-II (Deb, Pratap, Agarwal and Meyarivan 2002, doi:10.1109/4235.996017): fast non-dominated
/// sorting, crowding distance, survivors by (rank, crowding), parents by binary tournament, and for range variables
/// simulated binary crossover (SBX, Deb and Agrawal 1995) and polynomial mutation in their bounded forms (Deb's reference
/// code); a variable with a set of values takes one parent's value at random (uniform crossover) and mutates to a value
/// picked uniformly from the set. Whole-number variables are rounded half away from zero after variation. Every draw is a
/// pure function of (seed, generation, pair, draw) (stream <see cref="RngStream.Search"/>), so proposals do not depend on
/// threads, timing or resuming. Objectives are minimised here; the caller negates those to maximise.
/// </summary>
public sealed class Nsga2
{
    /// <summary>Chance that a pair of parents is crossed (else the children copy them).</summary>
    public const double CrossoverProbability = 0.9;
    /// <summary>SBX distribution index eta_c: larger keeps children nearer their parents.</summary>
    public const double CrossoverIndex = 15;
    /// <summary>Chance that a crossed pair exchanges each variable (SBX for a range, a swap for a set of values).</summary>
    public const double VariableCrossoverProbability = 0.5;
    /// <summary>Polynomial mutation distribution index eta_m. Each variable mutates with chance 1 / (number of variables).</summary>
    public const double MutationIndex = 20;
    /// <summary>A child equal to a candidate evaluated before is mutated again (every variable) up to this many times.</summary>
    public const int DuplicateRetries = 10;

    private readonly ImmutableArray<SearchVariableConfig> _variables;
    private readonly ulong _seed;

    public Nsga2(ImmutableArray<SearchVariableConfig> variables, ulong seed)
    {
        _variables = variables;
        _seed = seed;
    }

    /// <summary>Candidate <paramref name="index"/> of generation 0: each variable uniform over its range or its values.</summary>
    public ImmutableArray<double> Initial(int index)
    {
        var draw = 0;
        var values = new double[_variables.Length];
        for (var k = 0; k < values.Length; k++)
        {
            var variable = _variables[k];
            var u = Unit(0, index, draw++);
            values[k] = variable.IsValueSet ? variable.Values[Math.Min((int)(u * variable.Values.Length), variable.Values.Length - 1)]
                : variable.Integer ? Math.Min(Math.Floor(Math.Ceiling(variable.Min!.Value) + u * (Math.Floor(variable.Max!.Value) - Math.Ceiling(variable.Min.Value) + 1)), Math.Floor(variable.Max.Value))
                : variable.Min!.Value + u * (variable.Max!.Value - variable.Min.Value);
        }
        return [.. values];
    }

    /// <summary>
    /// <paramref name="count"/> children of generation <paramref name="generation"/> bred from <paramref name="parents"/>
    /// (their values and objectives to minimise): pairs of tournament winners crossed and mutated. A child equal to one in
    /// <paramref name="seen"/> (decision values evaluated before) is mutated again; every child is added to it.
    /// </summary>
    public List<ImmutableArray<double>> Offspring(int generation, IReadOnlyList<ImmutableArray<double>> parents, IReadOnlyList<double[]> objectives,
        int count, HashSet<string> seen)
    {
        var ranks = Ranks(objectives);
        var crowding = Crowding(objectives, ranks);
        var children = new List<ImmutableArray<double>>(count);
        for (var pair = 0; children.Count < count; pair++)
        {
            var draw = 0;
            var first = Tournament(generation, pair, ref draw, parents.Count, ranks, crowding);
            var second = Tournament(generation, pair, ref draw, parents.Count, ranks, crowding);
            var (a, b) = Cross(generation, pair, ref draw, parents[first], parents[second]);
            foreach (var child in new[] { a, b })
            {
                if (children.Count == count)
                {
                    break;
                }
                Mutate(generation, pair, ref draw, child, 1.0 / _variables.Length);
                for (var retry = 0; retry < DuplicateRetries && seen.Contains(Key(child)); retry++)
                {
                    Mutate(generation, pair, ref draw, child, 1.0);
                }
                seen.Add(Key(child));
                children.Add([.. child]);
            }
        }
        return children;
    }

    /// <summary>A text key of decision values, exact to the bit, for finding candidates evaluated before.</summary>
    public static string Key(IReadOnlyList<double> values) => string.Join(',', values.Select(v => BitConverter.DoubleToInt64Bits(v + 0.0)));

    /// <summary>Fast non-dominated sorting: 0 for candidates no other dominates, 1 for those dominated only by rank 0, ...</summary>
    public static int[] Ranks(IReadOnlyList<double[]> objectives)
    {
        var n = objectives.Count;
        var ranks = new int[n];
        var dominatedBy = new int[n];
        var dominates = new List<int>[n];
        var current = new List<int>();
        for (var p = 0; p < n; p++)
        {
            dominates[p] = [];
            for (var q = 0; q < n; q++)
            {
                if (Dominates(objectives[p], objectives[q]))
                {
                    dominates[p].Add(q);
                }
                else if (Dominates(objectives[q], objectives[p]))
                {
                    dominatedBy[p]++;
                }
            }
            if (dominatedBy[p] == 0)
            {
                current.Add(p);
            }
        }
        for (var rank = 0; current.Count > 0; rank++)
        {
            var next = new List<int>();
            foreach (var p in current)
            {
                ranks[p] = rank;
                foreach (var q in dominates[p])
                {
                    if (--dominatedBy[q] == 0)
                    {
                        next.Add(q);
                    }
                }
            }
            current = next;
        }
        return ranks;
    }

    /// <summary>Whether <paramref name="a"/> is no worse than <paramref name="b"/> in every objective and better in one (minimising).</summary>
    public static bool Dominates(double[] a, double[] b)
    {
        var better = false;
        for (var k = 0; k < a.Length; k++)
        {
            if (a[k] > b[k])
            {
                return false;
            }
            better |= a[k] < b[k];
        }
        return better;
    }

    /// <summary>
    /// Crowding distance within each rank: the sum over objectives of the gap between a candidate's two neighbours, over
    /// the rank's range of that objective; infinite for a rank's extremes. Ties are ordered by index, so it is deterministic.
    /// </summary>
    public static double[] Crowding(IReadOnlyList<double[]> objectives, int[] ranks)
    {
        var n = objectives.Count;
        var distance = new double[n];
        if (n == 0)
        {
            return distance;
        }
        var m = objectives[0].Length;
        foreach (var front in Enumerable.Range(0, n).GroupBy(i => ranks[i]))
        {
            var members = front.ToArray();
            for (var k = 0; k < m; k++)
            {
                var sorted = members.OrderBy(i => objectives[i][k]).ThenBy(i => i).ToArray();
                var low = objectives[sorted[0]][k];
                var high = objectives[sorted[^1]][k];
                distance[sorted[0]] = double.PositiveInfinity;
                distance[sorted[^1]] = double.PositiveInfinity;
                var span = high - low;
                if (!(span > 0) || !double.IsFinite(span))
                {
                    continue;
                }
                for (var j = 1; j < sorted.Length - 1; j++)
                {
                    distance[sorted[j]] += (objectives[sorted[j + 1]][k] - objectives[sorted[j - 1]][k]) / span;
                }
            }
        }
        return distance;
    }

    /// <summary>The <paramref name="count"/> survivors of a pool: by rank, then larger crowding distance, then index.</summary>
    public static int[] Select(IReadOnlyList<double[]> objectives, int count)
    {
        var ranks = Ranks(objectives);
        var crowding = Crowding(objectives, ranks);
        return [.. Enumerable.Range(0, objectives.Count).OrderBy(i => ranks[i]).ThenByDescending(i => crowding[i]).ThenBy(i => i).Take(count)];
    }

    /// <summary>Binary tournament: of two parents drawn at random, the lower rank wins, then the larger crowding, then the first drawn.</summary>
    private int Tournament(int generation, int pair, ref int draw, int size, int[] ranks, double[] crowding)
    {
        var a = Below(generation, pair, draw++, size);
        var b = Below(generation, pair, draw++, size);
        return ranks[b] < ranks[a] || (ranks[b] == ranks[a] && crowding[b] > crowding[a]) ? b : a;
    }

    private (double[] First, double[] Second) Cross(int generation, int pair, ref int draw, ImmutableArray<double> p1, ImmutableArray<double> p2)
    {
        var c1 = p1.ToArray();
        var c2 = p2.ToArray();
        if (Unit(generation, pair, draw++) > CrossoverProbability)
        {
            return (c1, c2);
        }
        for (var k = 0; k < _variables.Length; k++)
        {
            // Every variable draws the same number of numbers whatever happens, so later draws keep their meaning.
            var exchange = Unit(generation, pair, draw++) <= VariableCrossoverProbability;
            var u = Unit(generation, pair, draw++);
            var swap = Unit(generation, pair, draw++) <= 0.5;
            if (!exchange)
            {
                continue;
            }
            var variable = _variables[k];
            if (variable.IsValueSet)
            {
                (c1[k], c2[k]) = (p2[k], p1[k]);
                continue;
            }
            var (low, high) = (variable.Min!.Value, variable.Max!.Value);
            var (y1, y2) = (Math.Min(p1[k], p2[k]), Math.Max(p1[k], p2[k]));
            if (y2 - y1 < 1e-14)
            {
                continue;
            }
            var a = Math.Clamp(0.5 * (y1 + y2 - SpreadFactor(1 + 2 * (y1 - low) / (y2 - y1), u) * (y2 - y1)), low, high);
            var b = Math.Clamp(0.5 * (y1 + y2 + SpreadFactor(1 + 2 * (high - y2) / (y2 - y1), u) * (y2 - y1)), low, high);
            (c1[k], c2[k]) = swap ? (b, a) : (a, b);
            c1[k] = Whole(variable, c1[k]);
            c2[k] = Whole(variable, c2[k]);
        }
        return (c1, c2);
    }

    /// <summary>SBX's spread factor beta_q for bound distance <paramref name="beta"/> and uniform draw <paramref name="u"/>.</summary>
    private static double SpreadFactor(double beta, double u)
    {
        var alpha = 2 - Math.Pow(beta, -(CrossoverIndex + 1));
        return u <= 1 / alpha
            ? Math.Pow(u * alpha, 1 / (CrossoverIndex + 1))
            : Math.Pow(1 / (2 - u * alpha), 1 / (CrossoverIndex + 1));
    }

    private void Mutate(int generation, int pair, ref int draw, double[] child, double probability)
    {
        for (var k = 0; k < _variables.Length; k++)
        {
            var mutate = Unit(generation, pair, draw++) <= probability;
            var u = Unit(generation, pair, draw++);
            if (!mutate)
            {
                continue;
            }
            var variable = _variables[k];
            if (variable.IsValueSet)
            {
                child[k] = variable.Values[Math.Min((int)(u * variable.Values.Length), variable.Values.Length - 1)];
                continue;
            }
            var (low, high) = (variable.Min!.Value, variable.Max!.Value);
            var y = child[k];
            var power = 1 / (MutationIndex + 1);
            double shift;
            if (u < 0.5)
            {
                var value = 2 * u + (1 - 2 * u) * Math.Pow(1 - (y - low) / (high - low), MutationIndex + 1);
                shift = Math.Pow(value, power) - 1;
            }
            else
            {
                var value = 2 * (1 - u) + 2 * (u - 0.5) * Math.Pow(1 - (high - y) / (high - low), MutationIndex + 1);
                shift = 1 - Math.Pow(value, power);
            }
            child[k] = Whole(variable, Math.Clamp(y + shift * (high - low), low, high));
        }
    }

    private static double Whole(SearchVariableConfig variable, double value) =>
        variable.Integer ? Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), Math.Ceiling(variable.Min!.Value), Math.Floor(variable.Max!.Value)) : value;

    private int Below(int generation, int pair, int draw, int n) => Math.Min((int)(Unit(generation, pair, draw) * n), n - 1);

    /// <summary>A uniform number in [0, 1) for one draw of one pair (or generation-0 candidate).</summary>
    private double Unit(int generation, int pair, int draw) => CounterRng.Uniform(_seed, RngStream.Search, generation, pair, draw);
}
