using System.Collections.Immutable;
using MathNet.Numerics.Distributions;

namespace Hcsim.Engine.Calibration;

/// <summary>
/// The prior of one fitted setting (MathNet.Numerics distributions), truncated to [min, max] when they are given. Draws
/// go through the inverse CDF of a uniform number, so they are a pure function of the counter-based draw.
/// </summary>
public sealed class Prior
{
    public static readonly ImmutableArray<string> Kinds = ["uniform", "normal", "lognormal", "beta"];

    private readonly Func<double, double> _density;
    private readonly Func<double, double> _cdf;
    private readonly Func<double, double> _inverseCdf;
    private readonly double _cdfLower;
    private readonly double _cdfUpper;

    /// <param name="config">A validated parameter (its prior's numbers are present and in range).</param>
    public Prior(CalibrationParameterConfig config)
    {
        Path = config.Path;
        switch (config.Prior)
        {
            case "normal":
                var (mean, sd) = (config.Mean!.Value, config.Sd!.Value);
                (_density, _cdf, _inverseCdf) = (x => Normal.PDF(mean, sd, x), x => Normal.CDF(mean, sd, x), p => Normal.InvCDF(mean, sd, p));
                (Lower, Upper) = (double.NegativeInfinity, double.PositiveInfinity);
                break;
            case "lognormal":
                var (mu, sigma) = (config.Mu!.Value, config.Sigma!.Value);
                (_density, _cdf, _inverseCdf) = (x => LogNormal.PDF(mu, sigma, x), x => x <= 0 ? 0 : LogNormal.CDF(mu, sigma, x), p => LogNormal.InvCDF(mu, sigma, p));
                (Lower, Upper) = (0, double.PositiveInfinity);
                break;
            case "beta":
                var (a, b) = (config.Alpha!.Value, config.Beta!.Value);
                (_density, _cdf, _inverseCdf) = (x => Beta.PDF(a, b, x), x => Beta.CDF(a, b, Math.Clamp(x, 0, 1)), p => Beta.InvCDF(a, b, p));
                (Lower, Upper) = (0, 1);
                break;
            default:
                var (low, high) = (config.Min!.Value, config.Max!.Value);
                (_density, _cdf, _inverseCdf) = (x => ContinuousUniform.PDF(low, high, x), x => ContinuousUniform.CDF(low, high, x), p => ContinuousUniform.InvCDF(low, high, p));
                (Lower, Upper) = (low, high);
                break;
        }
        Lower = Math.Max(Lower, config.Min ?? double.NegativeInfinity);
        Upper = Math.Min(Upper, config.Max ?? double.PositiveInfinity);
        _cdfLower = double.IsNegativeInfinity(Lower) ? 0 : _cdf(Lower);
        _cdfUpper = double.IsPositiveInfinity(Upper) ? 1 : _cdf(Upper);
    }

    public string Path { get; }
    /// <summary>Lowest value the prior gives (after truncation).</summary>
    public double Lower { get; }
    /// <summary>Highest value the prior gives (after truncation).</summary>
    public double Upper { get; }

    /// <summary>The value at quantile <paramref name="u"/> in (0, 1) of the truncated prior.</summary>
    public double Sample(double u) => Math.Clamp(_inverseCdf(_cdfLower + u * (_cdfUpper - _cdfLower)), Lower, Upper);

    /// <summary>The prior density at <paramref name="x"/> up to a constant factor; 0 outside the (truncated) support.</summary>
    public double Density(double x) => x < Lower || x > Upper || double.IsNaN(x) ? 0 : _density(x);
}
