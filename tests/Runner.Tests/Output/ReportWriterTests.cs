using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

public sealed class ReportWriterTests
{
    [Theory]
    [InlineData("false_positive_share", 1.154, 1.0)]
    [InlineData("attack_rate", -0.15, 0.0)]
    [InlineData("peak_quarantined", -661.3, 0.0)]
    [InlineData("quarantine_person_days", 54_815.0, 54_815.0)]
    [InlineData("infections_averted", -120.0, -120.0)]
    public void Clip_IntervalBoundPastTheMetricsRange_IsCutToTheRange(string metric, double bound, double shown)
    {
        Assert.True(ReportWriter.Clip(metric, bound) == shown,
            $"{metric}: a bound of {bound} should read {shown} (shares in [0, 1], counts from 0, infections averted unbounded)");
    }
}
