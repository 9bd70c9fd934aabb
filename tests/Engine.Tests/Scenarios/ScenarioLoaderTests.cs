using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    private const string File = "scenarios/test.yaml";

    [Fact]
    public void LoadDefault_NoOverrides_HasBaselineAndThreeVariants()
    {
        var scenario = ScenarioLoader.LoadDefault([]);

        Assert.True(scenario.Name == "city-2020", "the default scenario should be named city-2020");
        Assert.Equal(["baseline", "no-codes", "yellow-3-days", "low-checkin"], scenario.Variants.Select(v => v.Name));
        Assert.True(scenario.Counterfactual == "no-codes", "the counterfactual should be no-codes");
        Assert.True(scenario.Replicates == 5 && scenario.Seed == 20200211UL, "seed and replicates should come from the file");
    }

    [Fact]
    public void LoadDefault_Variants_ApplyTheirOverridesOnly()
    {
        var variants = ScenarioLoader.LoadDefault([]).Variants.ToDictionary(v => v.Name);

        Assert.True(variants["baseline"].Model.Policy.Enabled, "the baseline should keep codes enabled");
        Assert.False(variants["no-codes"].Model.Policy.Enabled, "no-codes should disable the policy");
        Assert.True(variants["yellow-3-days"].Model.Policy.Params["yellow_days"] == 3, "yellow-3-days should set yellow_days to 3");
        Assert.True(variants["baseline"].Model.Policy.Params["yellow_days"] == 7, "the baseline should keep yellow_days 7");
        Assert.True(variants["low-checkin"].Model.Checkin.Probability == 0.75, "low-checkin should set the check-in probability to 0.75");
        Assert.True(variants["baseline"].Model.Checkin.Probability == 0.9, "the baseline should keep the check-in probability 0.9");
        Assert.True(variants["low-checkin"].Model.Policy.Params["yellow_days"] == 7, "low-checkin should keep yellow_days 7");
    }

    [Fact]
    public void LoadDefault_Rules_AreBoundWithTheirActions()
    {
        var model = ScenarioLoader.LoadDefault([]).Variants[0].Model;
        var rules = model.Policy.Rules;

        Assert.True(rules.Length == 5, $"the default policy should have 5 rules, got {rules.Length}");
        var positive = rules.Single(r => r.Name == "positive-test");
        Assert.Equal("test_result", positive.On);
        Assert.Equal("test_positive", positive.When);
        var trace = positive.Do.Single(a => a.Trace is not null).Trace!;
        Assert.Equal(["household", "work", "school"], trace.Layers.ToArray());
        Assert.True(trace.Days == NumberOrParameter.Named("trace_days"), "trace days should name the trace_days parameter");
        Assert.True(trace.DelayDays == NumberOrParameter.Of(1), "trace delay should be the literal 1");
        var redToGreen = rules.Single(r => r.Name == "red-to-green");
        Assert.Equal(["red"], redToGreen.Colours.ToArray());
        Assert.True(redToGreen.Do.Length == 1 && redToGreen.Do[0].Release == "", "red-to-green should do one bare release");
        var fever = rules.Single(r => r.Name == "fever-reported");
        Assert.Equal("red", fever.Do[0].SetColour);
        Assert.Equal("central", fever.Do[1].Isolate);
        Assert.Equal("pcr", fever.Do[2].Test);
    }

    [Fact]
    public void LoadDefault_OmittedSettings_KeepRecordDefaults()
    {
        var model = ScenarioLoader.LoadDefault([]).Variants[0].Model;

        Assert.True(model.Population.AgeBands.Length == 6, "age bands absent from the file should keep the record default");
        Assert.True(model.Layers.Household.ContactsPerDay == 0, "household contacts_per_day absent from the file should stay 0");
        Assert.True(model.Tests["pcr"].Sensitivity == 0.9, "the pcr test should bind from the tests mapping");
    }

    [Fact]
    public void Load_SetPopulationSize_ChangesEveryVariant()
    {
        var scenario = ScenarioLoader.LoadDefault(["population.size=1000"]);

        Assert.All(scenario.Variants, v => Assert.True(v.Model.Population.Size == 1000, $"variant {v.Name} should have 1000 people"));
    }

    [Fact]
    public void Load_SetFileLevelAndNewKeys_AppliesThem()
    {
        var scenario = ScenarioLoader.LoadDefault(
            ["seed=7", "replicates=2", "disease.death_probability=0.01", "policy.params.red_days=10", "policy.colours=[green, yellow, red]"]);

        Assert.True(scenario.Seed == 7 && scenario.Replicates == 2, "seed and replicates should be overridable");
        Assert.All(scenario.Variants, v => Assert.True(v.Model.Disease.DeathProbability == 0.01, "every variant should get the new death probability"));
        Assert.All(scenario.Variants, v => Assert.True(v.Model.Policy.Params["red_days"] == 10, "every variant should get the overridden parameter"));
        Assert.True(scenario.Variants[2].Model.Policy.Params["yellow_days"] == 3, "variant overrides should apply after --set");
    }

    [Fact]
    public void Load_SetUnknownPath_ReportsSuggestionAtCommandLine()
    {
        var error = Assert.Single(Errors(() => ScenarioLoader.LoadDefault(["populaton.size=1000"])));

        Assert.Equal(ScenarioLoader.CommandLineSource, error.File);
        Assert.Equal(0, error.Line);
        Assert.Equal("populaton.size", error.SettingPath);
        Assert.Contains("did you mean 'population'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SetBadValue_PointsAtTheOverride()
    {
        var error = Assert.Single(Errors(() => ScenarioLoader.LoadDefault(["population.size=-5"])));

        Assert.Equal("command line --set: population.size: must be between 1 and 200000000, got -5", error.ToString());
    }

    [Fact]
    public void Load_SetMalformed_ReportsExpectedForm()
    {
        var error = Assert.Single(Errors(() => ScenarioLoader.LoadDefault(["population.size"])));

        Assert.Contains("expected PATH=VALUE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Reference_DefaultsToTheBaselineAndCanNameAVariant()
    {
        const string Yaml = "name: tiny\nvariants:\n  - name: strict\n    set:\n      checkin.probability: 0.5\n";

        var byDefault = ScenarioLoader.Load(Yaml, File, []);
        var named = ScenarioLoader.Load("reference: strict\n" + Yaml, File, []);

        Assert.True(byDefault.Reference == "baseline", $"without 'reference' the baseline should be the reference, got {byDefault.Reference}");
        Assert.True(named.Reference == "strict", $"'reference: strict' should make strict the reference, got {named.Reference}");
    }

    [Fact]
    public void Load_Minimal_UsesDefaults()
    {
        var scenario = ScenarioLoader.Load("name: tiny\n", File, []);

        Assert.True(scenario.Variants.Length == 1 && scenario.Variants[0].Name == "baseline", "a file without variants should have the baseline only");
        Assert.True(scenario.Counterfactual is null, "with no no-codes variant there should be no counterfactual");
        Assert.True(scenario.Seed == ScenarioDefaults.Seed && scenario.Replicates == ScenarioDefaults.Replicates, "seed and replicates should default");
    }

    [Fact]
    public void Load_MissingFile_ThrowsNotFound()
    {
        Assert.Throws<ScenarioNotFoundException>(() => ScenarioLoader.LoadFile("/nonexistent/scenario.yaml", []));
    }

    [Fact]
    public void Load_CustomBaselineAndCounterfactual_AreUsed()
    {
        const string Text = """
            name: custom
            baseline: codes
            counterfactual: off
            variants:
              - name: off
                set: {policy.enabled: false}
            """;
        var scenario = ScenarioLoader.Load(Text, File, []);

        Assert.Equal(["codes", "off"], scenario.Variants.Select(v => v.Name));
        Assert.True(scenario.Counterfactual == "off", "an explicit counterfactual should be used");
    }

    [Fact]
    public void Load_VariantSetsAbsentKeys_CreatesThemInThatVariantOnly()
    {
        const string Text = """
            name: custom
            variants:
              - name: deadly
                set:
                  disease.death_probability: 0.02
                  tests.antigen.sensitivity: 0.6
                  policy.rules: [{name: screen, on: daily, do: [{test: antigen}]}]
            """;
        var scenario = ScenarioLoader.Load(Text, File, []);

        Assert.True(scenario.Variants[1].Model.Disease.DeathProbability == 0.02, "the variant should get the death probability it sets");
        Assert.True(scenario.Variants[1].Model.Tests["antigen"].Sensitivity == 0.6, "the variant should get the test kind it adds");
        Assert.True(scenario.Variants[0].Model.Disease.DeathProbability == 0, "the baseline should keep the default death probability");
        Assert.False(scenario.Variants[0].Model.Tests.ContainsKey("antigen"), "the baseline should not get the variant's test kind");
    }

    [Fact]
    public void Load_VariantSetsUndeclaredParameter_ReportsItWithSuggestion()
    {
        const string Text = """
            name: custom
            policy:
              params: {yellow_days: 7, red_days: 14}
            variants:
              - name: short
                set:
                  policy.params.yelow_days: 3
            """;

        var error = Assert.Single(Errors(() => ScenarioLoader.Load(Text, File, [])));

        Assert.True(error.ToString().StartsWith($"{File}:7:7: policy.params.yelow_days: unknown parameter 'yelow_days'; did you mean 'yellow_days'?", StringComparison.Ordinal),
            $"a variant setting an undeclared parameter should be refused at its key with a suggestion, got {error}");
        Assert.Contains("the base scenario declares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_VariantReplacesParamsWithUndeclaredName_ReportsTheName()
    {
        const string Text = """
            name: custom
            policy:
              params: {yellow_days: 7}
            variants:
              - name: short
                set:
                  policy.params: {yellow_days: 3, red_dys: 2}
            """;

        var error = Assert.Single(Errors(() => ScenarioLoader.Load(Text, File, [])));

        Assert.True(error.SettingPath == "policy.params.red_dys" && error.Line == 7,
            $"an undeclared name inside a params mapping set by a variant should be refused at that name, got {error}");
    }

    private const string SwitchedRule = """
        name: switched
        tests:
          pcr: {}
        policy:
          params: {use_pcr_release: 0}
          rules:
            - name: fever
              on: fever_report
              do: [{set_colour: red}, {test: pcr}]
            - name: pcr-release
              on: test_result
              when: {WHEN}
              do: [release]

        """;

    private const string Switch = "use_pcr_release == 1";

    private static string Switched(string when = Switch) => SwitchedRule.Replace("{WHEN}", when, StringComparison.Ordinal);

    [Theory]
    [InlineData(Switch)]
    [InlineData(Switch + " && !test_positive")]
    public void Load_RuleSwitchedOnBySweptParameter_IsValid(string when)
    {
        var scenario = ScenarioLoader.Load(Switched(when) + "sweep:\n  policy.params.use_pcr_release: [0, 1]\n", File, []);

        Assert.True(scenario.Variants.Length == 3, "a rule that the sweep switches on should not be refused as one that can never fire");
    }

    [Fact]
    public void Load_RuleSwitchedOnByVariant_IsValid()
    {
        var scenario = ScenarioLoader.Load(
            Switched() + "variants:\n  - name: pcr-release\n    set: {policy.params.use_pcr_release: 1}\n", File, []);

        Assert.True(scenario.Variants.Length == 2, "a rule that a variant switches on should not be refused as one that can never fire");
    }

    [Fact]
    public void Load_RuleSwitchedOffInOneVariantOnly_IsValid()
    {
        var text = Switched().Replace("use_pcr_release: 0", "use_pcr_release: 1", StringComparison.Ordinal)
            + "variants:\n  - name: no-pcr-release\n    set: {policy.params.use_pcr_release: 0}\n";

        var scenario = ScenarioLoader.Load(text, File, []);

        Assert.True(scenario.Variants.Length == 2, "a variant that switches a rule off should not be refused while the base can fire it");
    }

    [Fact]
    public void Load_RuleSwitchedOffEverywhere_ReportsItOnceForTheBase()
    {
        var text = Switched(Switch + " && !test_positive") + "variants:\n  - name: longer\n    set: {days: 200}\n";

        var error = Assert.Single(Errors(() => ScenarioLoader.Load(text, File, [])));

        Assert.True(error.SettingPath == "policy.rules[1].when" && !error.Message.Contains("in variant", StringComparison.Ordinal),
            $"a rule that can fire in no variant should be reported once, for the base, got {error}");
    }

    [Fact]
    public void Load_NoTestKindWrittenAndNoTestOrdered_IsValid()
    {
        var scenario = ScenarioLoader.Load("name: t\npolicy: {rules: [{name: fever, on: fever_report, do: [{set_colour: red}]}]}\n", File, []);

        Assert.True(scenario.Variants[0].Model.Tests.ContainsKey("pcr"),
            "the default test kind, not written in the file, should not be refused as never ordered");
    }

    public static TheoryData<string> FixedDailyColumns()
    {
        var data = new TheoryData<string>();
        foreach (var column in new Engine.Metrics.DailyMetrics(0, []).Columns())
        {
            data.Add(column.Name);
        }
        foreach (var key in Engine.Metrics.DailyRowKeys.Names)
        {
            data.Add(key);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FixedDailyColumns))]
    public void Load_ColourNamedLikeAnOutputColumn_IsRefused(string column)
    {
        var text = $"name: t\npolicy:\n  colours: [green, {column}]\n  rules: [{{name: r, on: fever_report, do: [{{set_colour: {column}}}]}}]\n";

        var error = Assert.Single(Errors(() => ScenarioLoader.Load(text, File, [])));

        Assert.True(error.SettingPath == "policy.colours[1]" && error.Message.Contains($"daily column '{column}'", StringComparison.Ordinal),
            $"a colour named like the daily column '{column}' should be refused, got {error}");
    }

    [Fact]
    public void Load_ColourWhoseNewColumnIsAnotherColour_IsRefused()
    {
        const string Text = "name: t\npolicy:\n  colours: [green, red, new_red]\n  rules: [{name: r, on: fever_report, do: [{set_colour: red}, {set_colour: new_red}]}]\n";

        var errors = Errors(() => ScenarioLoader.Load(Text, File, []));

        Assert.True(errors.Count == 2 && errors.All(e => e.Message.Contains("daily column 'new_red'", StringComparison.Ordinal)),
            $"colours 'red' (whose new_red column) and 'new_red' should both be refused, got {string.Join("; ", errors)}");
    }

    [Fact]
    public void Load_VariantSweepAndSetChangeParameterNoRuleReads_ReportsEachChange()
    {
        const string Text = """
            name: t
            policy:
              params: {red_days: 14, spare: 1}
              rules: [{name: r, on: checkin, when: healthy_streak >= red_days, do: [release]}]
            variants:
              - name: v
                set: {policy.params.spare: 2}
            sweep:
              policy.params.spare: [3, 4]
            """;

        var errors = Errors(() => ScenarioLoader.Load(Text, File, ["policy.params.spare=5"]));

        Assert.Equal(["policy.params.spare", "policy.params.spare", "sweep.policy.params.spare"], errors.Select(e => e.SettingPath));
        Assert.All(errors, e => Assert.Contains("parameter 'spare' is read by no rule", e.Message, StringComparison.Ordinal));
        Assert.True(errors[0].File == ScenarioLoader.CommandLineSource && errors[1].Line == 7 && errors[2].Line == 9,
            $"each change should be reported where it is written, got {string.Join("; ", errors)}");
    }

    [Fact]
    public void Load_VariantChangesParameterReadOnlyByAnActionNumber_IsValid()
    {
        const string Text = """
            name: t
            policy:
              params: {trace_days: 3}
              rules:
                - {name: fever, on: fever_report, do: [{trace: {layers: [household], days: trace_days}}]}
                - {name: traced, on: traced, do: [{set_colour: yellow}]}
            variants:
              - name: v
                set: {policy.params.trace_days: 5}
            """;

        var scenario = ScenarioLoader.Load(Text, File, []);

        Assert.True(scenario.Variants.Length == 2, "a parameter read by an action's days should be changeable by a variant");
    }

    [Fact]
    public void Load_SetUndeclaredParameter_ReportsAtCommandLineWithSuggestion()
    {
        var error = Assert.Single(Errors(() => ScenarioLoader.LoadDefault(["policy.params.yelow_days=3"])));

        Assert.True(error.File == ScenarioLoader.CommandLineSource && error.SettingPath == "policy.params.yelow_days",
            $"the error should name the --set argument, got {error}");
        Assert.Contains("did you mean 'yellow_days'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SetWholeParamsThenOneOfThem_AcceptsTheNewName()
    {
        var scenario = ScenarioLoader.Load(
            "name: t\npolicy: {rules: [{name: r, on: checkin, when: healthy_streak >= a, do: [release]}]}\n", File, ["policy.params={a: 1}", "policy.params.a=2"]);

        Assert.True(scenario.Variants[0].Model.Policy.Params["a"] == 2,
            "a parameter declared by an earlier --set of the whole mapping should be settable by a later --set");
    }

    [Fact]
    public void LoadFile_ErrorInFile_NamesThePathGiven()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hcsim-loader-test-{Environment.ProcessId}.yaml");
        System.IO.File.WriteAllText(path, "name: t\ndays: 0\n");
        try
        {
            var error = Assert.Single(Errors(() => ScenarioLoader.LoadFile(path, [])));
            Assert.True(error.ToString() == $"{path}:2:7: days: must be between 1 and 3650, got 0", $"the error should name the file path, got {error}");
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    internal static IReadOnlyList<ScenarioError> Errors(Action load)
    {
        var exception = Assert.Throws<ScenarioValidationException>(load);
        return exception.Errors;
    }
}
