using Hcsim.Engine.Calibration;
using Hcsim.Engine.Scenarios;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;
using Hcsim.Runner.Tests.Cli;
using Hcsim.Runner.Tests.Output;

namespace Hcsim.Runner.Tests.Calibration;

/// <summary><c>hcsim calibrate</c> as a user runs it: outputs, a runnable calibrated.yaml, resume, and errors.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Out(string name) => Path.Combine(_temp.Path, name);

    /// <summary>The default scenario's base, small, with a two-parameter calibration.</summary>
    private string Scenario()
    {
        var text = DefaultScenario.Text;
        text = text[..text.IndexOf("counterfactual: no-codes", StringComparison.Ordinal)]
            .Replace("size: 200000", "size: 1500", StringComparison.Ordinal)
            .Replace("days: 120", "days: 30", StringComparison.Ordinal);
        text += """

            calibration:
              particles: 5
              generations: 2
              parameters:
                - {path: background_illness.daily_rate, min: 0.0005, max: 0.004}
                - {path: checkin.fever_report_probability, min: 0.3, max: 1}
              targets:
                - {name: green_share, metric: green, per: population, from_day: 10, observed: 0.97, sd: 0.01}
                - {name: yield, metric: contact_yield, observed: 0.1, sd: 0.05}
            """;
        var path = Out("calibrate.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static Task<(int Code, string Output, string Error)> Run(string[] args, TextWriter? error = null, CancellationToken cancellationToken = default) =>
        CommandRuns.RunAsync(args, error, cancellationToken);

    [Fact]
    public async Task Calibrate_SmallScenario_WritesEveryOutputAndARunnableCalibratedScenario()
    {
        var (code, output, error) = await Run(["calibrate", Scenario(), "--out", Out("fit"), "--threads", "2"]);

        Assert.True(code == ExitCodes.Ok, $"calibrate should succeed, stderr: {error}");
        foreach (var file in new[] { "calibration.parquet", "calibration.md", "calibrated.yaml", "plots/calibration-targets.png", "plots/calibration-targets.svg",
            "plots/calibration-posterior-background_illness.daily_rate.png", "plots/calibration-posterior-checkin.fever_report_probability.svg" })
        {
            Assert.True(new FileInfo(Path.Combine(Out("fit"), file)).Length > 0, $"{file} should be written");
        }
        Assert.Contains("generation 1:", error, StringComparison.Ordinal);
        Assert.Contains("background_illness.daily_rate:", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Out("fit"), RunCheckpoints.Folder)), "checkpoints are bookkeeping, removed by the commit");

        var calibrated = ScenarioLoader.LoadFile(Path.Combine(Out("fit"), "calibrated.yaml"), []);
        Assert.True(calibrated.Calibration is null && calibrated.Name.EndsWith("-calibrated", StringComparison.Ordinal),
            "calibrated.yaml should be a plain scenario, named apart from the original");
        var report = await File.ReadAllTextAsync(Path.Combine(Out("fit"), "calibration.md"));
        var mean = calibrated.Variants[0].Model.BackgroundIllness.DailyRate;
        Assert.True(mean is > 0.0005 and < 0.004, $"calibrated.yaml should hold the posterior mean inside the prior, got {mean}");
        Assert.Contains("| `background_illness.daily_rate` |", report, StringComparison.Ordinal);

        var run = await Run(["run", Path.Combine(Out("fit"), "calibrated.yaml"), "--out", Out("check"), "--quiet"]);
        Assert.True(run.Code == ExitCodes.Ok, $"hcsim run should accept calibrated.yaml, stderr: {run.Error}");
    }

    [Fact]
    public async Task Calibrate_InterruptedThenResumed_WritesTheUninterruptedFiles()
    {
        var scenario = Scenario();
        var whole = await Run(["calibrate", scenario, "--out", Out("whole"), "--quiet"]);
        Assert.True(whole.Code == ExitCodes.Ok, whole.Error);

        using var cancel = new CancellationTokenSource();
        using var error = new CommandRuns.CancellingWriter(cancel, "generation 0:");
        var stopped = await Run(["calibrate", scenario, "--out", Out("resumed")], error, cancel.Token);
        Assert.True(stopped.Code == ExitCodes.Interrupted, $"the calibration should stop when cancelled after generation 0, stderr: {stopped.Error}");
        Assert.Contains("--resume", stopped.Error, StringComparison.Ordinal);

        var resumed = await Run(["calibrate", scenario, "--out", Out("resumed"), "--resume", "--threads", "1"]);
        Assert.True(resumed.Code == ExitCodes.Ok, resumed.Error);
        Assert.Contains("generation(s) already finished", resumed.Error, StringComparison.Ordinal);
        foreach (var file in new[] { "calibration.parquet", "calibrated.yaml" })
        {
            var expected = await File.ReadAllBytesAsync(Path.Combine(Out("whole"), file));
            var actual = await File.ReadAllBytesAsync(Path.Combine(Out("resumed"), file));
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"{file} of the resumed calibration should equal the uninterrupted one's");
        }
        Assert.DoesNotContain(".tmp-", string.Join(",", _temp.Entries()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calibrate_ScenarioWithoutSection_ExitsWithInvalidInput()
    {
        var (code, _, error) = await Run(["calibrate", Path.Combine(AppContext.BaseDirectory, "missing.yaml")]);
        Assert.True(code == ExitCodes.InvalidInput, $"a missing scenario is invalid input, stderr: {error}");

        var plain = Out("plain.yaml");
        await File.WriteAllTextAsync(plain, DefaultScenario.Text);
        (code, _, error) = await Run(["calibrate", plain, "--out", Out("none")]);
        Assert.True(code == ExitCodes.InvalidInput && error.Contains("calibration", StringComparison.Ordinal),
            $"a scenario without a calibration section should be refused naming the section, stderr: {error}");
        Assert.False(Directory.Exists(Out("none")), "nothing should be written");
    }

    [Fact]
    public void SummaryNames_EverySummaryMetricColumn_IsACalibrationMetric()
    {
        var model = ScenarioLoader.LoadDefault([]).Variants[0].Model;
        var names = TargetMetric.SummaryNames(model);

        foreach (var column in ParquetSchemas.MetricColumns.Where(c => c.ClrType != typeof(string)))
        {
            Assert.True(names.Contains(column.Name), $"summary column {column.Name} should be usable as a calibration metric");
        }
    }
}
