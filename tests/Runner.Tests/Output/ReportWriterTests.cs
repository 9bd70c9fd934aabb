using System.Collections.Immutable;
using Hcsim.Runner.Output;
using Hcsim.Runner.Plots;

namespace Hcsim.Runner.Tests.Output;

public sealed class ReportWriterTests
{
    [Theory]
    [InlineData("false_positive_share", 1.154, 1.0)]
    [InlineData("confirmation_ppv", 1.2, 1.0)]
    [InlineData("confinement_rising_at_end", -0.3, 0.0)]
    [InlineData("attack_rate", -0.15, 0.0)]
    [InlineData("peak_quarantined", -661.3, 0.0)]
    [InlineData("quarantine_person_days", 54_815.0, 54_815.0)]
    [InlineData("infections_averted", -120.0, -120.0)]
    public void Clip_IntervalBoundPastTheMetricsRange_IsCutToTheRange(string metric, double bound, double shown)
    {
        Assert.True(ReportWriter.Clip(metric, bound) == shown,
            $"{metric}: a bound of {bound} should read {shown} (shares and flags in [0, 1], counts from 0, infections averted unbounded)");
    }

    /// <summary>Two replicates each of `steady` (nothing rising) and `growing` (confinement rising in one replicate, epidemic in both).</summary>
    private static ResultsData Data()
    {
        var metadata = new ResultsMetadata
        {
            Name = "report-test",
            Replicates = 2,
            BaseSeed = 1,
            Variants = [new VariantInfo { Name = "steady", Days = 50, Population = 100 }, new VariantInfo { Name = "growing", Days = 50, Population = 100 }],
        };
        SummaryRow Row(string variant, int replicate, int confinementRising, int epidemicRising) => new()
        {
            Variant = variant,
            Replicate = replicate,
            Metrics = ParquetSchemas.MetricColumns.ToImmutableDictionary(c => c.Name, c => c.Name switch
            {
                "never_infected_confined_person_days" => 1111.0,
                "recovered_confined_person_days" => 2222.0,
                "confined_at_end" => 7.0,
                "data_records" => 123_456.0,
                "people_looked_up" => 789.0,
                "confinement_rising_at_end" => confinementRising,
                "epidemic_rising_at_end" => epidemicRising,
                _ => (double?)0.5,
            }),
        };
        var rows = new[] { Row("steady", 0, 0, 0), Row("steady", 1, 0, 0), Row("growing", 0, 1, 1), Row("growing", 1, 0, 1) };
        return new ResultsData
        {
            Metadata = metadata,
            Summary = rows,
            Statistics = VariantStatistics.Compute(["steady", "growing"], null, rows),
            Daily = [],
        };
    }

    [Fact]
    public void Render_VariantStillRisingAtTheEnd_SaysSoInWords()
    {
        var report = ReportWriter.Render(Data(), []);

        Assert.True(report.Contains("`growing`: still rising on the last day", StringComparison.Ordinal), $"the report should name the rising variant:\n{report}");
        Assert.True(report.Contains("confinement in 1 of 2 replicate(s)", StringComparison.Ordinal)
            && report.Contains("the epidemic (infected people) in 2 of 2 replicate(s)", StringComparison.Ordinal),
            $"the report should say what rises and in how many replicates:\n{report}");
        Assert.True(report.Contains("depend on the horizon", StringComparison.Ordinal), "the report should say the totals depend on the horizon");
        Assert.DoesNotContain("`steady`: still rising", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Confinement_ShowsNeverInfectedAndRecoveredSeparately()
    {
        var report = ReportWriter.Render(Data(), [new PlotFile(ResultPlots.TradeOffFile, "Trade-off caption.")]);

        Assert.True(report.Contains("never-infected confinement person-days", StringComparison.Ordinal)
            && report.Contains("recovered confinement person-days", StringComparison.Ordinal),
            $"the compact table should have both columns:\n{report}");
        Assert.True(report.Contains("The cost axis counts only never-infected confinement person-days", StringComparison.Ordinal)
            && report.Contains("`steady` 2,222", StringComparison.Ordinal),
            $"under the trade-off chart the report should say what its cost axis counts and give the recovered part its own line:\n{report}");
    }

    [Fact]
    public void Render_DataCollectedPlot_HasItsOwnSectionWithTheRecordsTable()
    {
        var report = ReportWriter.Render(Data(), [new PlotFile(ResultPlots.TradeOffFile, "Trade-off caption."),
            new PlotFile(ResultPlots.DataCollectedFile, "Data caption."), new PlotFile(ResultPlots.EpidemicFile, "Epidemic caption.")]);

        var section = report.IndexOf("## Data collected", StringComparison.Ordinal);
        Assert.True(section > report.IndexOf("## Trade-off", StringComparison.Ordinal), $"the data collected should follow the trade-off:\n{report}");
        Assert.True(report.IndexOf("| `steady` | 0.5 | 0.5 | 0.5 | 0.5 | 0.5 | 123,456 | 789 |", section, StringComparison.Ordinal) > section,
            $"the section should list check-ins, tests, contacts consulted, data records and people looked up per variant:\n{report}");
        Assert.True(report.IndexOf("![plots/data-collected.png]", section, StringComparison.Ordinal) > section, "the section should show its chart");
        Assert.True(report.IndexOf("## Plots", StringComparison.Ordinal) > section, "the other plots keep their own section after it");
    }

    [Fact]
    public void Render_Reference_GivesPairedDifferencesFromIt()
    {
        var data = Data();
        data = data with
        {
            Metadata = data.Metadata with { Reference = "steady" },
            Statistics = VariantStatistics.Compute(["steady", "growing"], null, data.Summary, "steady"),
        };

        var report = ReportWriter.Render(data, []);

        Assert.True(report.Contains("## Paired differences from the reference `steady`", StringComparison.Ordinal), $"the report should have a section for the reference:\n{report}");
        // growing's confinement_rising_at_end is 1 then 0 against steady's 0 and 0: mean 0.5, interval wide.
        Assert.True(report.Contains("| `growing` |", StringComparison.Ordinal) && report.Contains("difference vs. reference [95 %]", StringComparison.Ordinal),
            $"the report should list growing against steady and name the column:\n{report}");
        Assert.DoesNotContain("| `steady` | +", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IdenticalSweepPoints_AreListedWithTheirTwin()
    {
        var data = Data();
        data = data with { Metadata = data.Metadata with { IdenticalSweepPoints = [new Hcsim.Engine.Scenarios.IdenticalVariant("growing", "steady")] } };

        var report = ReportWriter.Render(data, []);

        Assert.True(report.Contains("- `growing` is identical to `steady`: runs reused from `steady`", StringComparison.Ordinal),
            $"the report should name the repeated sweep point and the twin whose runs it reuses:\n{report}");
    }
}
