using Hcsim.Engine.Metrics;

namespace Hcsim.Engine.Search;

/// <summary>
/// The honest Pareto front: a candidate is on it unless another candidate dominates it beyond replicate noise. With
/// common random numbers, replicate r of two candidates shares its seed, so each objective is compared by the paired
/// differences d_r = sign x (a_r - b_r) (positive when a is better). A dominates B beyond noise when, for at least one
/// objective, the 95 % t interval of the mean paired difference (<see cref="MeanInterval"/>) lies above 0 (A better),
/// and for no objective it lies below 0 (B better). With one replicate there is no interval and the paired
/// difference itself is compared with 0 (plain Pareto dominance). A candidate with an undefined objective mean is off
/// the front. Two candidates equal up to noise therefore both stay on the front.
/// </summary>
public static class HonestFront
{
    /// <summary>Which of <paramref name="candidates"/> are on the honest front.</summary>
    public static bool[] Find(IReadOnlyList<SearchCandidate> candidates, IReadOnlyList<SearchObjectiveConfig> objectives)
    {
        var means = candidates.Select(c => Enumerable.Range(0, objectives.Count).Select(k => objectives[k].Sign * c.Mean(k)).ToArray()).ToArray();
        var onFront = new bool[candidates.Count];
        for (var b = 0; b < candidates.Count; b++)
        {
            if (means[b].Any(double.IsNaN))
            {
                continue;
            }
            onFront[b] = true;
            for (var a = 0; a < candidates.Count && onFront[b]; a++)
            {
                // Cheap filter: dominating beyond noise needs a better mean in some objective.
                if (a != b && !means[a].Any(double.IsNaN) && means[a].Where((m, k) => m > means[b][k]).Any()
                    && Dominates(candidates[a], candidates[b], objectives))
                {
                    onFront[b] = false;
                }
            }
        }
        return onFront;
    }

    /// <summary>Whether <paramref name="a"/> dominates <paramref name="b"/> beyond replicate noise (paired, common random numbers).</summary>
    public static bool Dominates(SearchCandidate a, SearchCandidate b, IReadOnlyList<SearchObjectiveConfig> objectives)
    {
        var better = false;
        for (var k = 0; k < objectives.Count; k++)
        {
            var (x, y) = (a.Samples[k], b.Samples[k]);
            var differences = new double[Math.Min(x.Length, y.Length)];
            for (var r = 0; r < differences.Length; r++)
            {
                differences[r] = objectives[k].Sign * (x[r] - y[r]);
            }
            if (MeanInterval.Compute(differences) is not { } interval)
            {
                return false;
            }
            var (low, high) = interval.HasInterval ? (interval.Lower, interval.Upper) : (interval.Mean, interval.Mean);
            if (high < 0)
            {
                return false;
            }
            better |= low > 0;
        }
        return better;
    }
}
