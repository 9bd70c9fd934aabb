using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Hcsim.Engine.Metrics;

/// <summary>
/// Mean over replicates with a 95 % t interval, mean ± t(0.975, n−1)·sd/√n. Replicates are independent draws of the
/// same model, so the t interval is the textbook choice; with n = 1 there is no spread to estimate and the interval is
/// undefined (<see cref="HasInterval"/> false).
/// </summary>
public readonly record struct MeanInterval(int Count, double Mean, double Lower, double Upper)
{
    public bool HasInterval => Count >= 2;

    /// <summary>Returns null when there are no values (for example a column that is empty in every run).</summary>
    public static MeanInterval? Compute(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var mean = values.Mean();
        if (values.Count == 1)
        {
            return new MeanInterval(1, mean, double.NaN, double.NaN);
        }
        var halfWidth = StudentT.InvCDF(0, 1, values.Count - 1, 0.975) * values.StandardDeviation() / Math.Sqrt(values.Count);
        return new MeanInterval(values.Count, mean, mean - halfWidth, mean + halfWidth);
    }
}
