using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Scenarios;

/// <summary>A corpus of broken scenarios, each with the exact place and path of its error and a fragment of the message.</summary>
public sealed class ScenarioLoaderErrorTests
{
    private const string File = "scenarios/broken.yaml";

    private const string Rules = """
        name: broken
        tests:
          pcr: {sensitivity: 0.9}
        policy:
          colours: [green, yellow, red]
          params: {trace_days: 3}
          rules:
            - name: r1
              on: daily
              do:
                - {ACTION}
        """;

    public static TheoryData<string, string, int, int, string, string> Corpus => new()
    {
        {
            "unknown key with suggestion",
            "name: broken\npopulaton:\n  size: 10\n",
            2, 1, "populaton", "did you mean 'population'?"
        },
        {
            "nested unknown key with suggestion",
            "name: broken\npopulation:\n  sise: 10\n",
            3, 3, "population.sise", "did you mean 'size'?"
        },
        {
            "probability out of range",
            "name: broken\ncheckin:\n  probability: 1.5\n",
            3, 16, "checkin.probability", "must be a probability between 0 and 1, got 1.5"
        },
        {
            "negative size",
            "name: broken\npopulation:\n  size: -5\n",
            3, 9, "population.size", "must be between 1 and 200000000, got -5"
        },
        {
            "zero duration",
            "name: broken\ndisease:\n  latent_days: {distribution: fixed, mean_days: 0}\n",
            3, 49, "disease.latent_days.mean_days", "must be greater than 0 days, got 0"
        },
        {
            "unknown colour in set_colour",
            Rules.Replace("{ACTION}", "set_colour: purple", StringComparison.Ordinal),
            11, 23, "policy.rules[0].do[0].set_colour", "unknown colour 'purple'"
        },
        {
            "unknown test kind",
            Rules.Replace("{ACTION}", "test: antigen", StringComparison.Ordinal),
            11, 17, "policy.rules[0].do[0].test", "unknown test kind 'antigen'"
        },
        {
            "unknown trigger",
            Rules.Replace("on: daily", "on: test_results", StringComparison.Ordinal).Replace("{ACTION}", "release", StringComparison.Ordinal),
            9, 11, "policy.rules[0].on", "unknown trigger 'test_results'; did you mean 'test_result'?"
        },
        {
            "parameter that does not exist",
            Rules.Replace("{ACTION}", "trace: {layers: [household], days: trace_dayz}", StringComparison.Ordinal),
            11, 46, "policy.rules[0].do[0].trace.days", "unknown parameter 'trace_dayz'; did you mean 'trace_days'?"
        },
        {
            "wrong type",
            "name: broken\ncheckin:\n  probability: abc\n",
            3, 16, "checkin.probability", "expected a number, got 'abc'"
        },
        {
            "yaml syntax error",
            "name: broken\npopulation:\n  size: 10\n   schools: 1\n",
            4, 11, "", "invalid YAML"
        },
        {
            "unclosed list",
            "name: broken\npopulation:\n  size: [1, 2\n  other: 3\n",
            3, 10, "", "a '[' or '{' is not closed"
        },
        {
            "duplicate variant names",
            "name: broken\nvariants:\n  - name: a\n  - name: a\n",
            4, 11, "variants[1].name", "variant name 'a' is used twice"
        },
        {
            "unknown path in a variant's set",
            "name: broken\nvariants:\n  - name: a\n    set:\n      policy.parms.yellow_days: 3\n",
            5, 7, "policy.parms.yellow_days", "did you mean 'params'?"
        },
        {
            "empty document",
            "# nothing here\n",
            0, 0, "", "the scenario is empty"
        },
        {
            "scenario name not usable as a folder",
            "name: my scenario\n",
            1, 7, "name", "got 'my scenario'"
        },
        {
            "unknown counterfactual",
            "name: broken\ncounterfactual: no-code\nvariants:\n  - name: no-codes\n",
            2, 17, "counterfactual", "did you mean 'no-codes'?"
        },
        {
            "unknown reference",
            "name: broken\nreference: no-code\nvariants:\n  - name: no-codes\n",
            2, 12, "reference", "did you mean 'no-codes'?"
        },
        {
            "variant with different colours",
            "name: broken\nvariants:\n  - name: a\n    set:\n      policy.colours: [green, red]\n",
            5, 23, "policy.colours", "must be the same in every variant"
        },
        {
            "bad value in a variant's set",
            "name: broken\nvariants:\n  - name: a\n    set:\n      checkin.probability: 2\n",
            5, 28, "checkin.probability", "got 2 (in variant 'a')"
        },
        {
            "action with two kinds",
            Rules.Replace("{ACTION}", "{set_colour: red, test: pcr}", StringComparison.Ordinal),
            11, 11, "policy.rules[0].do[0]", "exactly one of set_colour, isolate, release, test, trace, trace_venues, isolate_household, test_household, test_district, isolate_district, refuse_travel; got set_colour, test"
        },
        {
            "unknown bare action",
            Rules.Replace("{ACTION}", "isolate", StringComparison.Ordinal),
            11, 11, "policy.rules[0].do[0]", "only 'release' stands alone"
        },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Load_BrokenScenario_ReportsLocationPathAndMessage(
        string caseName, string text, int line, int column, string path, string fragment)
    {
        var errors = ScenarioLoaderTests.Errors(() => ScenarioLoader.Load(text, File, []));

        var error = Assert.Single(errors);
        Assert.True(error.File == File, $"{caseName}: the error should name the file, got {error}");
        Assert.True(error.Line == line && error.Column == column, $"{caseName}: the error should be at {line}:{column}, got {error}");
        Assert.True(error.SettingPath == path, $"{caseName}: the error should name path '{path}', got {error}");
        Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"{caseName}: the message should contain '{fragment}', got {error}");
    }

    [Fact]
    public void Load_BadActionBeforeAnother_KeepsLaterActionPaths()
    {
        var text = Rules.Replace("{ACTION}", "isolate\n        - set_colour: purple", StringComparison.Ordinal);

        var errors = ScenarioLoaderTests.Errors(() => ScenarioLoader.Load(text, File, []));

        Assert.Equal(["policy.rules[0].do[0]", "policy.rules[0].do[1].set_colour"], errors.Select(e => e.SettingPath).ToArray());
        Assert.True(errors[1].Line == 12, $"the unknown colour should be reported on line 12, got {errors[1]}");
    }

    [Fact]
    public void Load_SeveralErrors_ReportsAllInFileOrder()
    {
        const string Text = """
            name: broken
            days: 0
            population:
              size: -5
              sise: 3
            checkin:
              probability: abc
            """;

        var errors = ScenarioLoaderTests.Errors(() => ScenarioLoader.Load(Text, File, []));

        Assert.Equal(
            [
                "scenarios/broken.yaml:2:7: days: must be between 1 and 3650, got 0",
                "scenarios/broken.yaml:4:9: population.size: must be between 1 and 200000000, got -5",
                "scenarios/broken.yaml:5:3: population.sise: unknown setting 'sise'; did you mean 'size'? (valid: size, age_bands, household_size_shares, workplaces, schools, community, from_file, redraw_per_replicate)",
                "scenarios/broken.yaml:7:16: checkin.probability: expected a number, got 'abc'",
            ],
            errors.Select(e => e.ToString()).ToArray());
    }
}
