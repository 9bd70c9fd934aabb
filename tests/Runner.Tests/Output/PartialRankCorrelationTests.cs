using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

public class PartialRankCorrelationTests
{
    /// <summary>A synthetic case: y = 10 a - 2 b + noise, c unrelated; inputs from a fixed-seed generator.</summary>
    private static (List<double[]> Inputs, List<double> Output) Synthetic(int n)
    {
        var random = new System.Random(42);
        var inputs = new List<double[]>();
        var output = new List<double>();
        for (var i = 0; i < n; i++)
        {
            double[] x = [random.NextDouble(), random.NextDouble(), random.NextDouble()];
            inputs.Add(x);
            output.Add(10 * x[0] - 2 * x[1] + 0.5 * random.NextDouble());
        }
        return (inputs, output);
    }

    [Fact]
    public void Compute_DominantInput_HasTheLargestCoefficient()
    {
        var (inputs, output) = Synthetic(200);

        var prcc = PartialRankCorrelation.Compute(inputs, output);

        Assert.True(prcc[0].Prcc > 0.9, $"the dominant input should have a PRCC near +1, got {prcc[0].Prcc}");
        Assert.True(prcc[1].Prcc < -0.3, $"the input that lowers the output should have a negative PRCC, got {prcc[1].Prcc}");
        Assert.True(Math.Abs(prcc[2].Prcc) < 0.2, $"the unrelated input should have a PRCC near 0, got {prcc[2].Prcc}");
        Assert.True(Math.Abs(prcc[0].Prcc) > Math.Abs(prcc[1].Prcc) && Math.Abs(prcc[1].Prcc) > Math.Abs(prcc[2].Prcc),
            "the ranking by |PRCC| should be: dominant, negative, unrelated");
        Assert.True(prcc[0].PValue < 0.001 && prcc[2].PValue > 0.01, "the dominant input should be significant and the unrelated one not");
    }

    [Fact]
    public void Compute_MonotoneTransformOfOutput_GivesTheSameCoefficients()
    {
        var (inputs, output) = Synthetic(60);

        var plain = PartialRankCorrelation.Compute(inputs, output);
        var transformed = PartialRankCorrelation.Compute(inputs, [.. output.Select(y => Math.Exp(y))]);

        for (var k = 0; k < 3; k++)
        {
            Assert.True(Math.Abs(plain[k].Prcc - transformed[k].Prcc) < 1e-12, "PRCC works on ranks, so a monotone transform of the output should not change it");
        }
    }

    [Fact]
    public void Compute_ConstantOutputOrTooFewRuns_GivesNaN()
    {
        var (inputs, _) = Synthetic(20);

        Assert.All(PartialRankCorrelation.Compute(inputs, [.. Enumerable.Repeat(1.0, 20)]), c => Assert.True(double.IsNaN(c.Prcc), "a constant output has no ranking"));
        Assert.All(PartialRankCorrelation.Compute(inputs.Take(3).ToList(), [1.0, 2.0, 3.0]), c => Assert.True(double.IsNaN(c.Prcc), "3 runs cannot rank 3 inputs"));
    }
}
