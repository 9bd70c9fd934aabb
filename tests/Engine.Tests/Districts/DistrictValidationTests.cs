using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Tests.Scenarios;

namespace Hcsim.Engine.Tests.Districts;

/// <summary>The districts section's errors, located like every scenario error.</summary>
public sealed class DistrictValidationTests
{
    private const string File = "scenarios/districts-broken.yaml";

    private const string Rules = """
        name: broken
        policy:
          colours: [green, yellow]
          rules:
            - name: at-risk
              on: daily
              colours: [green]
              when: district_risk == "high"
              do:
                - set_colour: yellow
        """;

    [Fact]
    public void Load_DistrictFactWithoutDistricts_ReportsTheRuleCondition()
    {
        var error = Assert.Single(ScenarioLoaderTests.Errors(() => ScenarioLoader.Load(Rules, File, [])));

        Assert.True(error.SettingPath == "policy.rules[0].when" && error.Line == 8, $"the error should point at the condition on line 8, got {error}");
        Assert.Contains("need districts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DistrictFactWithDistricts_Loads()
    {
        var scenario = ScenarioLoader.Load(Rules + "\ndistricts: {count: 4}\n", File, []);

        Assert.True(scenario.Variants[0].Model.Districts?.Count == 4, "the section is read");
    }

    [Theory]
    [InlineData("districts:\n  levels:\n    - {name: low, min_cases: 1}\n", "districts.levels[0].min_cases", "must be 0")]
    [InlineData("districts:\n  levels:\n    - {name: low, min_cases: 0}\n    - {name: high, min_cases: 0}\n", "districts.levels[1].min_cases", "must be above the previous level's")]
    [InlineData("districts:\n  levels:\n    - {name: low, min_cases: 0}\n    - {name: low, min_cases: 3}\n", "districts.levels[1].name", "declared twice")]
    [InlineData("population: {size: 5}\ndistricts: {count: 6}\n", "districts.count", "at most population.size")]
    [InlineData("districts:\n  levels:\n    - {name: Low, min_cases: 0}\n", "districts.levels[0].name", "must match")]
    public void Load_BadDistricts_ReportsPathAndMessage(string section, string path, string fragment)
    {
        var errors = ScenarioLoaderTests.Errors(() => ScenarioLoader.Load("name: broken\n" + section, File, []));

        Assert.True(errors.Any(e => e.SettingPath == path && e.Message.Contains(fragment, StringComparison.Ordinal) && e.Line > 0),
            $"an error at {path} containing '{fragment}' with a line, got [{string.Join("; ", errors)}]");
    }
}
