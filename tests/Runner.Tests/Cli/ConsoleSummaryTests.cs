using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Cli;

public sealed class ConsoleSummaryTests
{
    [Theory]
    [InlineData("baseline", "no-codes")]
    [InlineData("baseline", "yellow_days-14--probability-0.6")]
    public void Render_AnyVariantNames_FitsEightyColumnsOneRowPerVariant(params string[] variants)
    {
        var statistics = variants.SelectMany(v => new[]
        {
            Statistic(v, "attack_rate", 0.802), Statistic(v, "peak_quarantined", 33_348), Statistic(v, "never_infected_confined_person_days", 2_305_423),
            Statistic(v, "recovered_confined_person_days", 1_305_423), Statistic(v, "false_positive_share", 0.998), Statistic(v, "infections_averted", 159_940),
            Statistic(v, "data_records", 1_234_567_890),
        }).ToList();

        var text = ConsoleSummary.Render(variants, statistics);

        var lines = text.Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"every line should fit 80 columns: '{line}' has {line.Length}"));
        Assert.True(lines.Count(l => l.Contains("2,305,423", StringComparison.Ordinal)) == variants.Length,
            $"each variant should have exactly one row, its name and numbers on the same line:\n{text}");
        Assert.All(lines.Where(l => l.Contains("2,305,423", StringComparison.Ordinal)), l => Assert.False(l.StartsWith(' '), $"a row should start with its variant's name: '{l}'"));
        Assert.True(text.Contains($"{variants[^1]} 1.23G", StringComparison.Ordinal), $"the data records should follow the table, compact:\n{text}");
    }

    [Fact]
    public void Render_LongVariantName_IsCutWithAnEllipsisAndTheNoteSaysSo()
    {
        const string Long = "yellow_days-14--probability-0.6--checkin-0.75";
        var statistics = new[] { Statistic(Long, "attack_rate", 0.5), Statistic(Long, "peak_quarantined", 33_348), Statistic("baseline", "attack_rate", 0.4) };

        var text = ConsoleSummary.Render(["baseline", Long], statistics);

        var row = text.Split('\n').Single(l => l.Contains("33,348", StringComparison.Ordinal));
        Assert.True(row.StartsWith("yellow_", StringComparison.Ordinal) && row.Contains('…', StringComparison.Ordinal) && row.Contains("0.75", StringComparison.Ordinal),
            $"the name should keep its start and its end around an ellipsis: '{row}'");
        Assert.Contains("variant name shortened", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DefaultScenarioNames_AreNotShortened()
    {
        var text = ConsoleSummary.Render(["baseline", "no-codes", "yellow-3-days", "low-checkin"], [Statistic("yellow-3-days", "attack_rate", 0.5)]);

        Assert.DoesNotContain("…", text, StringComparison.Ordinal);
        Assert.DoesNotContain("shortened", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PeakColumn_IsTheReportsPeakQuarantined()
    {
        var text = ConsoleSummary.Render(["baseline"], [Statistic("baseline", "peak_quarantined", 4_321), Statistic("baseline", "people_confined", 9_999)]);

        Assert.True(text.Contains("peak quarantined", StringComparison.Ordinal) && text.Contains("4,321", StringComparison.Ordinal),
            $"the peak column should be headed like the report's 'peak quarantined' and show peak_quarantined:\n{text}");
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1_000, "1.00k")]
    [InlineData(12_345, "12.3k")]
    [InlineData(999_600, "1.00M")]
    [InlineData(456_789_000, "457M")]
    public void CompactCount_AnyCount_FitsSixCharacters(double value, string expected)
    {
        Assert.True(ConsoleSummary.CompactCount(value) == expected, $"{value} should read {expected}, reads {ConsoleSummary.CompactCount(value)}");
    }

    [Fact]
    public void Render_ConfinementCosts_ShowsNeverInfectedAndRecoveredSeparately()
    {
        var statistics = new[]
        {
            Statistic("baseline", "never_infected_confined_person_days", 12_345), Statistic("baseline", "recovered_confined_person_days", 67_890),
            Statistic("baseline", "quarantine_person_days", 99_999),
        };

        var text = ConsoleSummary.Render(["baseline"], statistics);

        Assert.True(text.Contains("12,345", StringComparison.Ordinal) && text.Contains("67,890", StringComparison.Ordinal),
            $"the table should show never-infected and recovered confinement person-days in their own columns:\n{text}");
        Assert.True(text.Contains("never-inf.", StringComparison.Ordinal) && text.Contains("recovered", StringComparison.Ordinal),
            $"the headers should say which confinement each column counts:\n{text}");
        Assert.DoesNotContain("99,999", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithReference_ShowsPairedDifferenceWithInterval()
    {
        var statistics = new[]
        {
            Statistic("baseline", "attack_rate", 0.5),
            Statistic("strict", "attack_rate", 0.4) with { RefDiffN = 3, RefDiffMean = -0.1, RefDiffLow = -0.12, RefDiffHigh = -0.08 },
        };

        var text = ConsoleSummary.Render(["baseline", "strict"], statistics, reference: "baseline");

        Assert.Contains("Paired difference from the reference baseline", text, StringComparison.Ordinal);
        Assert.True(text.Contains("-10.0 [-12.0, -8.0]", StringComparison.Ordinal), $"the attack rate difference should read in percentage points with its interval:\n{text}");
    }

    private static VariantStatistic Statistic(string variant, string metric, double mean) =>
        new() { Variant = variant, Metric = metric, N = 3, Mean = mean, DiffN = 0 };

    [Fact]
    public void ProgressLine_HalfwayThroughASweep_ShowsRunsRateAndTimeLeft()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp() - System.Diagnostics.Stopwatch.Frequency * 10;

        var line = ProgressDisplay.Line(new Hcsim.Engine.Simulation.ExecutionProgress(500, 1000, 12, 24), started, 50);

        Assert.Contains("runs 12/24", line, StringComparison.Ordinal);
        Assert.Contains("days/s", line, StringComparison.Ordinal);
        // 500 days in about 10 s leaves about 10 s for the other 500.
        Assert.Matches(@" (9|10|11) s left", line);
    }

    [Fact]
    public void ProgressLine_FirstSampleOfALargeSweep_FitsEightyColumns()
    {
        // A first sample a millisecond after the start gives an absurd rate; the line must still fit a terminal.
        var started = System.Diagnostics.Stopwatch.GetTimestamp() - System.Diagnostics.Stopwatch.Frequency / 1000;

        var line = ProgressDisplay.Line(new Hcsim.Engine.Simulation.ExecutionProgress(9_999, 999_999, 999, 9_999), started, 1);

        Assert.True(line.Length <= 80, $"a progress line should fit 80 columns, got {line.Length}: '{line}'");
    }
}
