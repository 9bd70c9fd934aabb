using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Scenarios;

public sealed class SweepExpanderTests
{
    private const string File = "scenarios/sweep.yaml";

    private const string Base = """
        name: sweep
        policy:
          {params: {yellow_days: 7}, rules: [{name: release, on: checkin, when: healthy_streak >= yellow_days, do: [release]}]}
        counterfactual: no-codes
        variants:
          - name: no-codes
            set: {policy.enabled: false}

        """;

    private static Scenario Load(string sweep) => ScenarioLoader.Load(Base + sweep, File, []);

    [Fact]
    public void Load_TwoAxisSweep_AddsOneVariantPerPointAfterDeclaredVariants()
    {
        var scenario = Load("""
            sweep:
              policy.params.yellow_days: [3, 7, 14]
              checkin.probability: [0.6, 0.9]
            """);

        Assert.Equal(
            [
                "baseline", "no-codes",
                "yellow_days-3--probability-0.6", "yellow_days-3--probability-0.9",
                "yellow_days-7--probability-0.6", "yellow_days-7--probability-0.9",
                "yellow_days-14--probability-0.6", "yellow_days-14--probability-0.9",
            ],
            scenario.Variants.Select(v => v.Name));
        var point = scenario.Variants.Single(v => v.Name == "yellow_days-14--probability-0.6");
        Assert.True(point.Model.Policy.Params["yellow_days"] == 14, "the point should set yellow_days to 14");
        Assert.True(point.Model.Checkin.Probability == 0.6, "the point should set the check-in probability to 0.6");
        Assert.True(point.Model.Policy.Enabled, "a grid point applies to the baseline, not to the counterfactual");
        Assert.Equal(["3", "14"], new[] { scenario.Variants[2].Sweep[0].Value, point.Sweep[0].Value });
        Assert.Equal(["yellow_days", "probability"], scenario.SweepAxes.Select(a => a.Label));
        Assert.Equal(["3", "7", "14"], scenario.SweepAxes[0].Values.ToArray());
        Assert.True(scenario.Variants[0].Sweep.IsEmpty && scenario.Variants[1].Sweep.IsEmpty, "declared variants have no sweep coordinates");
    }

    [Fact]
    public void Load_SweepValuesAreChecked_EveryVariantNameIsValid()
    {
        var scenario = Load("""
            sweep:
              disease.initial_infected: [5, 10]
              layers.work.beta: [-0.0, 0.03]
              layers.school.beta: [0.01]
            """);

        Assert.Equal(2 * 2 * 1 + 2, scenario.Variants.Length);
        Assert.Contains("initial_infected-5--work.beta-m0.0--school.beta-0.01", scenario.Variants.Select(v => v.Name));
        Assert.All(scenario.Variants, v => Assert.Matches(ScenarioValidator.NamePattern, v.Name));
    }

    [Theory]
    [InlineData("sweep:\n  policy.params.yellow_days: []\n", 9, 30, "sweep.policy.params.yellow_days", "empty")]
    [InlineData("sweep:\n  checkin.probabilty: [0.5]\n", 9, 3, "sweep.checkin.probabilty", "did you mean 'probability'")]
    [InlineData("sweep:\n  policy.params.yelow_days: [3, 14]\n", 9, 3, "sweep.policy.params.yelow_days", "unknown parameter 'yelow_days'; did you mean 'yellow_days'?")]
    [InlineData("sweep:\n  checkin.probability: [0.5, abc]\n", 9, 30, "sweep.checkin.probability[1]", "expected a number")]
    [InlineData("sweep:\n  checkin.probability: 0.5\n", 9, 24, "sweep.checkin.probability", "expected a list")]
    [InlineData("sweep:\n  seed: [1, 2]\n", 9, 3, "sweep.seed", "file-level")]
    [InlineData("sweep:\n  policy.colours: [green]\n", 9, 3, "sweep.policy.colours", "single values")]
    [InlineData("sweep:\n  checkin.probability: [0.5, 0.5]\n", 9, 30, "sweep.checkin.probability[1]", "listed twice")]
    [InlineData("sweep: {}\n", 8, 8, "sweep", "at least one")]
    public void Load_BrokenSweep_ReportsLocationPathAndMessage(string sweep, int line, int column, string path, string fragment)
    {
        var errors = ScenarioLoaderTests.Errors(() => Load(sweep));

        var error = Assert.Single(errors);
        Assert.True(error.File == File && error.Line == line && error.Column == column, $"the error should be at {File}:{line}:{column}, got {error}");
        Assert.True(error.SettingPath == path, $"the error should name path '{path}', got {error}");
        Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"the message should contain '{fragment}', got {error}");
    }

    [Fact]
    public void Load_PointOutOfValidRange_IsReportedWithItsVariant()
    {
        var errors = ScenarioLoaderTests.Errors(() => Load("sweep:\n  checkin.probability: [0.5, 1.5]\n"));

        var error = Assert.Single(errors);
        Assert.True(error.Message.Contains("probability-1.5", StringComparison.Ordinal), $"the error should name the grid point, got {error}");
    }

    [Fact]
    public void Labels_SameLastSegment_UsesShortestDistinguishingSuffix()
    {
        var labels = SweepExpander.Labels(["layers.work.beta", "layers.school.beta", "checkin.probability"]);

        Assert.Equal(["work.beta", "school.beta", "probability"], labels.ToArray());
    }

    [Fact]
    public void LoadFile_ShippedSweepScenario_HasSixGridPoints()
    {
        var path = Path.Combine(RepositoryRoot(), "scenarios", "sweep-yellow-checkin.yaml");

        var scenario = ScenarioLoader.LoadFile(path, []);

        Assert.True(scenario.SweepAxes.Length == 2, "the shipped sweep scenario should sweep two settings");
        Assert.True(scenario.Variants.Count(v => !v.Sweep.IsEmpty) == 6, "3 x 2 values should give 6 grid points");
        Assert.True(scenario.Counterfactual is not null, "the shipped sweep scenario should have a counterfactual");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(Path.Combine(directory.FullName, "Simulator.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("Simulator.sln not found above the test folder");
    }
}
