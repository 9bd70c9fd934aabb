using Hcsim.Engine.Scenarios;
using MathNet.Numerics.Distributions;

namespace Hcsim.Engine.Disease;

/// <summary>
/// A duration distribution discretised to whole days (at least 1) once, so a draw is a table lookup instead of an
/// inverse CDF. P(d) = F(d + 0.5) - F(d - 0.5) for d &gt;= 2 and P(1) = F(1.5): rounding to the nearest day, with
/// anything under 1.5 days counted as 1.
/// </summary>
public sealed class DurationTable
{
    private const int MaxDays = 365;
    private readonly double[] _cumulative;

    public DurationTable(DurationConfig config)
    {
        if (config.Distribution == "fixed" || config.SdDays <= 0)
        {
            var days = Math.Max(1, (int)Math.Round(config.MeanDays, MidpointRounding.AwayFromZero));
            _cumulative = new double[days];
            _cumulative[days - 1] = 1;
            return;
        }
        // Gamma with the given mean and sd: shape k = (mean/sd)^2, rate = mean/sd^2.
        var shape = config.MeanDays * config.MeanDays / (config.SdDays * config.SdDays);
        var rate = config.MeanDays / (config.SdDays * config.SdDays);
        var cumulative = new List<double>();
        for (var d = 1; d <= MaxDays; d++)
        {
            var cdf = Gamma.CDF(shape, rate, d + 0.5);
            cumulative.Add(cdf);
            if (cdf >= 1 - 1e-12)
            {
                break;
            }
        }
        cumulative[^1] = 1;
        _cumulative = [.. cumulative];
    }

    /// <summary>Mean of the discretised distribution, in days.</summary>
    public double MeanDays
    {
        get
        {
            double mean = 0, previous = 0;
            for (var i = 0; i < _cumulative.Length; i++)
            {
                mean += (i + 1) * (_cumulative[i] - previous);
                previous = _cumulative[i];
            }
            return mean;
        }
    }

    /// <summary>The duration for a uniform draw u in [0, 1).</summary>
    public int Sample(double u)
    {
        var table = _cumulative;
        for (var i = 0; i < table.Length; i++)
        {
            if (u < table[i])
            {
                return i + 1;
            }
        }
        return table.Length;
    }
}
