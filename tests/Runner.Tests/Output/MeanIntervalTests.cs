using Hcsim.Engine.Metrics;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

public sealed class MeanIntervalTests
{
    [Fact]
    public void Compute_ThreeValues_UsesStudentTWithTwoDegreesOfFreedom()
    {
        var estimate = MeanInterval.Compute([1.0, 2.0, 3.0])!.Value;

        // sd = 1, t(0.975, 2) = 4.302653, half width = 4.302653 / sqrt(3) = 2.484138.
        Assert.Equal(2.0, estimate.Mean, 12);
        Assert.Equal(2.0 - 2.484138, estimate.Lower, 5);
        Assert.Equal(2.0 + 2.484138, estimate.Upper, 5);
        Assert.True(estimate.HasInterval);
    }

    [Fact]
    public void Compute_OneValue_HasMeanButNoInterval()
    {
        var estimate = MeanInterval.Compute([5.0])!.Value;

        Assert.Equal(5.0, estimate.Mean);
        Assert.False(estimate.HasInterval, "one replicate gives no spread to estimate");
    }

    [Fact]
    public void Compute_NoValues_ReturnsNull()
    {
        Assert.Null(MeanInterval.Compute([]));
    }
}
