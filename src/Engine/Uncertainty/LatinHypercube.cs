using Hcsim.Engine.Random;

namespace Hcsim.Engine.Uncertainty;

/// <summary>
/// Latin hypercube sampling over the replicates: for each input, the unit interval is cut into as many equal strata as
/// there are replicates, and each replicate takes a point in a different stratum (a random permutation per input, a
/// uniform position inside the stratum). Pure function of (seed, input, replicate count): streams
/// <see cref="RngStream.UncertaintyStratum"/> (the permutation) and <see cref="RngStream.UncertaintyPosition"/>.
/// </summary>
public static class LatinHypercube
{
    /// <summary>Points in (0, 1): <c>[replicate][input]</c>, exactly one per stratum per input.</summary>
    public static double[][] Sample(ulong seed, int inputs, int replicates)
    {
        var points = new double[replicates][];
        for (var r = 0; r < replicates; r++)
        {
            points[r] = new double[inputs];
        }
        var strata = new int[replicates];
        for (var k = 0; k < inputs; k++)
        {
            for (var i = 0; i < replicates; i++)
            {
                strata[i] = i;
            }
            // Fisher-Yates with counter-based draws keyed by input and position.
            for (var i = replicates - 1; i > 0; i--)
            {
                var j = CounterRng.Below(seed, RngStream.UncertaintyStratum, k, i, 0, i + 1);
                (strata[i], strata[j]) = (strata[j], strata[i]);
            }
            for (var r = 0; r < replicates; r++)
            {
                var offset = CounterRng.Uniform(seed, RngStream.UncertaintyPosition, k, r, 0);
                // Kept strictly inside (0, 1), where every quantile function is finite.
                var within = Math.Clamp(offset, 1e-12, 1 - 1e-12);
                points[r][k] = (strata[r] + within) / replicates;
            }
        }
        return points;
    }
}
