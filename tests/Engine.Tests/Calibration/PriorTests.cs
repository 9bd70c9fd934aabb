using Hcsim.Engine.Calibration;

namespace Hcsim.Engine.Tests.Calibration;

/// <summary>Priors draw through their inverse CDF, inside their (truncated) support.</summary>
public sealed class PriorTests
{
    [Theory]
    [InlineData("uniform", 0.2, 0.6)]
    [InlineData("normal", 0.3, 0.9)]
    [InlineData("beta", 0.1, 0.5)]
    public void Sample_TruncatedPrior_StaysInsideMinAndMax(string kind, double min, double max)
    {
        var prior = new Prior(new CalibrationParameterConfig { Path = "x", Prior = kind, Min = min, Max = max, Mean = 0.5, Sd = 0.3, Alpha = 2, Beta = 5 });
        var draws = Enumerable.Range(1, 999).Select(i => prior.Sample(i / 1000.0)).ToArray();

        Assert.True(draws.All(x => x >= min && x <= max), $"every {kind} draw should lie in [{min}, {max}], got {draws.Min()} .. {draws.Max()}");
        Assert.True(draws.Zip(draws.Skip(1)).All(p => p.First <= p.Second), "draws should rise with the quantile (an inverse CDF)");
        Assert.True(prior.Density(min - 0.01) == 0 && prior.Density(max + 0.01) == 0 && prior.Density((min + max) / 2) > 0,
            "the density should be 0 outside the truncation and positive inside");
    }

    [Fact]
    public void Sample_Lognormal_MedianIsExpOfMu()
    {
        var prior = new Prior(new CalibrationParameterConfig { Path = "x", Prior = "lognormal", Mu = Math.Log(0.002), Sigma = 0.5 });

        Assert.True(Math.Abs(prior.Sample(0.5) - 0.002) < 1e-9, $"the median of a lognormal prior should be exp(mu) = 0.002, got {prior.Sample(0.5)}");
        Assert.True(prior.Density(-1) == 0, "a lognormal prior gives nothing below 0");
    }
}
