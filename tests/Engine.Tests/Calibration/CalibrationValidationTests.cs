using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Calibration;

/// <summary>The calibration section's errors name the setting path and its line, like every scenario error.</summary>
public sealed class CalibrationValidationTests
{
    private const string GoodTarget = "    - {name: flagged_share, metric: flagged, per: population, observed: 0.05, sd: 0.01}\n";
    private const string GoodParameter = "    - {path: background_illness.daily_rate, min: 0.001, max: 0.004}\n";

    private static ScenarioError[] Errors(string parameters, string targets, string extra = "")
    {
        var text = CalibrationScenarios.Text(extra + "  parameters:\n" + parameters + "  targets:\n" + targets);
        var e = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(text, "calibration-test.yaml", []));
        return [.. e.Errors];
    }

    [Fact]
    public void Load_ValidSection_BindsParametersAndTargets()
    {
        var scenario = ScenarioLoader.Load(CalibrationScenarios.Text("  particles: 12\n  parameters:\n" + GoodParameter + "  targets:\n" + GoodTarget), "ok.yaml", []);

        Assert.True(scenario.Calibration is { Particles: 12 } c && c.Parameters[0].Path == "background_illness.daily_rate" && c.Targets[0].Per == "population",
            "the section should bind particles, parameter paths and target ratios");
    }

    [Fact]
    public void Load_NoSection_HasNoCalibration()
    {
        Assert.True(ScenarioLoader.LoadDefault([]).Calibration is null, "a scenario without the section has no calibration");
    }

    [Theory]
    [InlineData("    - {path: background_illness.daily_rat, min: 0.001, max: 0.004}\n", "calibration.parameters[0].path", "daily_rate")]
    [InlineData("    - {path: policy.params.blue_days, min: 1, max: 4}\n", "calibration.parameters[0].path", "unknown parameter")]
    [InlineData("    - {path: population.size, min: 1000, max: 4000}\n", "calibration.parameters[0].path", "not a number")]
    [InlineData("    - {path: background_illness.daily_rate, min: 0.004, max: 0.001}\n", "calibration.parameters[0].max", "range is empty")]
    [InlineData("    - {path: checkin.probability, prior: normal, mean: 0.9, sd: 0.1}\n", "calibration.parameters[0].min", "must lie in [0, 1]")]
    [InlineData("    - {path: checkin.probability, prior: beta, alpha: 2}\n", "calibration.parameters[0].beta", "required by a beta prior")]
    [InlineData("    - {path: checkin.probability, min: 0.5, max: 1, mean: 0.8}\n", "calibration.parameters[0].mean", "not used by a uniform prior")]
    public void Load_BadParameter_NamesPathAndLine(string parameter, string path, string message)
    {
        var errors = Errors(parameter, GoodTarget);

        Assert.True(errors.Any(e => e.SettingPath == path && e.Message.Contains(message, StringComparison.Ordinal) && e.Line > 0),
            $"expected an error at {path} (with its line) saying '{message}', got: {string.Join(" | ", errors.Select(e => e.ToString()))}");
    }

    [Theory]
    [InlineData("    - {name: a, metric: flaged, observed: 1, sd: 1}\n", "calibration.targets[0].metric", "did you mean 'flagged'")]
    [InlineData("    - {name: a, metric: flagged, per: populaton, observed: 1, sd: 1}\n", "calibration.targets[0].per", "did you mean 'population'")]
    [InlineData("    - {name: a, metric: flagged, sd: 1}\n", "calibration.targets[0].observed", "is required")]
    [InlineData("    - {name: a, metric: flagged, observed: 1, sd: 0}\n", "calibration.targets[0].sd", "above 0")]
    [InlineData("    - {name: a, metric: flagged, from_day: 30, to_day: 10, observed: 1, sd: 1}\n", "calibration.targets[0].to_day", "window is empty")]
    [InlineData("    - {name: a, metric: flagged, to_day: 80, observed: 1, sd: 1}\n", "calibration.targets[0].to_day", "after the last simulated day")]
    [InlineData("    - {name: a, metric: flagged, series: no-such-file.csv, sd: 1}\n", "calibration.targets[0].series", "not found")]
    [InlineData("    - {name: a, metric: flagged, aggregate: median, observed: 1, sd: 1}\n", "calibration.targets[0].aggregate", "median")]
    public void Load_BadTarget_NamesPathAndLine(string target, string path, string message)
    {
        var errors = Errors(GoodParameter, target);

        Assert.True(errors.Any(e => e.SettingPath == path && e.Message.Contains(message, StringComparison.Ordinal) && e.Line > 0),
            $"expected an error at {path} (with its line) saying '{message}', got: {string.Join(" | ", errors.Select(e => e.ToString()))}");
    }

    [Fact]
    public void Load_EmptyLists_AskForParametersAndTargets()
    {
        var text = CalibrationScenarios.Text("  parameters: []\n  targets: []\n");
        var errors = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(text, "empty.yaml", [])).Errors;

        Assert.True(errors.Any(e => e.SettingPath == "calibration.parameters") && errors.Any(e => e.SettingPath == "calibration.targets"),
            $"empty parameters and targets should both be errors, got: {string.Join(" | ", errors.Select(e => e.ToString()))}");
    }

    [Fact]
    public void Load_SeriesFile_ReadsItsRows()
    {
        var folder = Directory.CreateTempSubdirectory("hcsim-series-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "positives.csv"), "day,value\n10,3\n20,5.5\n");
            var text = CalibrationScenarios.Text("  parameters:\n" + GoodParameter + "  targets:\n    - {name: positives, metric: positive_tests, series: positives.csv, sd: 2}\n");
            var scenario = ScenarioLoader.Load(text, Path.Combine(folder.FullName, "s.yaml"), []);

            Assert.True(scenario.Calibration!.Targets[0].SeriesPoints.SequenceEqual([new(10, 3), new(20, 5.5)]),
                "the series rows should be read relative to the scenario file");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
