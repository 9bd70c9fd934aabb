using Hcsim.Engine.Random;

namespace Hcsim.Engine.Tests.Random;

public class CounterRngTests
{
    [Fact]
    public void Uniform_ManyDraws_AreUniformInUnitInterval()
    {
        var draws = Enumerable.Range(0, 100_000).Select(i => CounterRng.Uniform(42, RngStream.CheckIn, 3, i)).ToArray();
        Assert.True(draws.All(u => u is >= 0 and < 1), "draws lie in [0, 1)");
        // Mean of 1e5 uniforms: sd 0.29/sqrt(1e5) = 0.0009; 5 sd allowed.
        Assert.InRange(draws.Average(), 0.4955, 0.5045);
        var deciles = draws.GroupBy(u => (int)(u * 10)).Select(g => g.Count()).ToArray();
        Assert.All(deciles, count => Assert.InRange(count, 9_500, 10_500));
    }

    [Fact]
    public void Uniform_IsAPureFunctionOfItsCounter_SoStreamsDoNotInterfere()
    {
        // Drawing from one stream (in any amount, in any order) never changes another stream's numbers.
        var before = CounterRng.Uniform(7, RngStream.Transmission, 10, 5, 99);
        for (var i = 0; i < 1000; i++)
        {
            _ = CounterRng.Uniform(7, RngStream.CheckIn, 10, i);
        }
        Assert.Equal(before, CounterRng.Uniform(7, RngStream.Transmission, 10, 5, 99));
        Assert.NotEqual(before, CounterRng.Uniform(7, RngStream.CheckIn, 10, 5, 99));
        Assert.NotEqual(before, CounterRng.Uniform(8, RngStream.Transmission, 10, 5, 99));
    }

    [Fact]
    public void Hash_KnownInputs_GiveTheSameNumbersInEveryVersion()
    {
        // Golden values: changing the generator silently changes every published result; this test makes it loud.
        Assert.Equal(10951303984608157621UL, CounterRng.Hash(20200211, RngStream.CheckIn, 5, 12345, 0));
    }
}
