namespace Hcsim.Engine.Tests.Validation;

/// <summary>Closed-form and numerically solved epidemic final sizes that the validation tests compare hcsim with.</summary>
internal static class FinalSizeTheory
{
    /// <summary>
    /// The well-mixed SIR final size (Kermack and McKendrick 1927): the largest root z of
    /// 1 - z = (1 - seededShare) exp(-r0 z), where z counts everyone ever infected, the seeds included. With no seeds
    /// it is the classic z = 1 - exp(-R0 z). Fixed-point iteration from z = 1 decreases monotonically to the largest
    /// root because the right-hand side is increasing and concave in z.
    /// </summary>
    public static double WellMixed(double r0, double seededShare = 0)
    {
        var z = 1.0;
        for (var i = 0; i < 100_000; i++)
        {
            var next = 1 - (1 - seededShare) * Math.Exp(-r0 * z);
            if (Math.Abs(next - z) < 1e-14)
            {
                return next;
            }
            z = next;
        }
        return z;
    }

    /// <summary>
    /// Bond percolation on a configuration-model graph (Newman 2002, "Spread of epidemic disease on networks",
    /// Phys. Rev. E 66, 016128, https://doi.org/10.1103/PhysRevE.66.016128): the expected share of people in a large
    /// outbreak is S = 1 - G0(1 + (u - 1) T), where u is the smallest root in [0, 1] of u = G1(1 + (u - 1) T),
    /// G0(x) = sum_k p_k x^k and G1(x) = G0'(x) / G0'(1). Iterating from u = 0 climbs monotonically to that root.
    /// </summary>
    /// <param name="degreeShares">p_k indexed by degree k.</param>
    /// <param name="transmissibility">T, the probability that an infected person infects a given neighbour.</param>
    public static double Percolation(double[] degreeShares, double transmissibility)
    {
        var meanDegree = 0.0;
        for (var k = 0; k < degreeShares.Length; k++)
        {
            meanDegree += k * degreeShares[k];
        }
        double G0(double x)
        {
            var sum = 0.0;
            for (var k = 0; k < degreeShares.Length; k++)
            {
                sum += degreeShares[k] * Math.Pow(x, k);
            }
            return sum;
        }
        double G1(double x)
        {
            var sum = 0.0;
            for (var k = 1; k < degreeShares.Length; k++)
            {
                sum += k * degreeShares[k] * Math.Pow(x, k - 1);
            }
            return sum / meanDegree;
        }
        var u = 0.0;
        for (var i = 0; i < 1_000_000; i++)
        {
            var next = G1(1 + (u - 1) * transmissibility);
            if (Math.Abs(next - u) < 1e-14)
            {
                u = next;
                break;
            }
            u = next;
        }
        return 1 - G0(1 + (u - 1) * transmissibility);
    }

    /// <summary>The epidemic threshold T_c = &lt;k&gt; / (&lt;k^2&gt; - &lt;k&gt;) of bond percolation (Newman 2002, eq. 24).</summary>
    public static double PercolationThreshold(double[] degreeShares)
    {
        double mean = 0, meanSquare = 0;
        for (var k = 0; k < degreeShares.Length; k++)
        {
            mean += k * degreeShares[k];
            meanSquare += (double)k * k * degreeShares[k];
        }
        return mean / (meanSquare - mean);
    }
}
