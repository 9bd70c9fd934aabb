using MathNet.Numerics.Distributions;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Uncertainty;

/// <summary>The distributions an uncertain input may follow, by their quantile functions (MathNet.Numerics).</summary>
public static class InputDistribution
{
    public const string Uniform = "uniform";
    public const string Normal = "normal";
    public const string Beta = "beta";
    public const string LogNormal = "lognormal";

    public static IReadOnlyList<string> Names { get; } = [Uniform, Normal, Beta, LogNormal];

    /// <summary>The parameters each distribution reads (the others must be left out).</summary>
    public static IReadOnlyList<string> ParametersOf(string distribution) => distribution switch
    {
        Uniform => ["min", "max"],
        Normal => ["mean", "sd"],
        Beta => ["alpha", "beta", "min", "max"],
        LogNormal => ["mu", "sigma"],
        _ => [],
    };

    /// <summary>The parameters a distribution cannot do without (beta's min and max default to 0 and 1).</summary>
    public static IReadOnlyList<string> RequiredOf(string distribution) => distribution == Beta ? ["alpha", "beta"] : ParametersOf(distribution);

    /// <summary>The value below which a share <paramref name="p"/> (in (0, 1)) of the distribution lies.</summary>
    public static double Quantile(UncertainInputConfig input, double p) => input.Distribution switch
    {
        Uniform => ContinuousUniform.InvCDF(input.Min!.Value, input.Max!.Value, p),
        Normal => MathNet.Numerics.Distributions.Normal.InvCDF(input.Mean!.Value, input.Sd!.Value, p),
        Beta => (input.Min ?? 0) + ((input.Max ?? 1) - (input.Min ?? 0)) * MathNet.Numerics.Distributions.Beta.InvCDF(input.Alpha!.Value, input.Beta!.Value, p),
        LogNormal => MathNet.Numerics.Distributions.LogNormal.InvCDF(input.Mu!.Value, input.Sigma!.Value, p),
        _ => throw new ArgumentException($"unknown distribution '{input.Distribution}'", nameof(input)),
    };

    /// <summary>The distribution as the report writes it: <c>uniform(0.05, 0.12)</c>.</summary>
    public static string Describe(UncertainInputConfig input)
    {
        static string F(double? x) => x?.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return input.Distribution switch
        {
            Uniform => $"uniform({F(input.Min)}, {F(input.Max)})",
            Normal => $"normal(mean {F(input.Mean)}, sd {F(input.Sd)})",
            Beta when input.Min is null && input.Max is null => $"beta({F(input.Alpha)}, {F(input.Beta)})",
            Beta => $"beta({F(input.Alpha)}, {F(input.Beta)}) on [{F(input.Min ?? 0)}, {F(input.Max ?? 1)}]",
            LogNormal => $"lognormal(mu {F(input.Mu)}, sigma {F(input.Sigma)})",
            _ => input.Distribution,
        };
    }
}
