using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Search;

/// <summary>The search section's errors name the setting path and its line, like every scenario error.</summary>
public sealed class SearchValidationTests
{
    private const string GoodVariable = "    - {path: policy.params.red_days, min: 7, max: 21}\n";
    private const string GoodObjectives = "    - {metric: infections_averted, direction: maximise}\n    - {metric: never_infected_confined_person_days, direction: minimise}\n";

    private static ScenarioError[] Errors(string variables, string objectives)
    {
        var text = SearchScenarios.Text("  variables:\n" + variables + "  objectives:\n" + objectives);
        var e = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(text, "search-test.yaml", []));
        return [.. e.Errors];
    }

    [Fact]
    public void Load_ValidSection_BindsVariablesAndObjectives()
    {
        var text = SearchScenarios.Text("  population_size: 8\n  variables:\n    - {path: policy.params.red_days, min: 7, max: 21, integer: true}\n    - {path: checkin.probability, values: [0.7, 0.9]}\n  objectives:\n" + GoodObjectives);

        var search = ScenarioLoader.Load(text, "ok.yaml", []).Search;

        Assert.True(search is { PopulationSize: 8 } s && s.Variables[0].Integer && s.Variables[1].IsValueSet && s.Objectives[1].Sign == -1,
            "the section should bind the population size, mark a whole-number parameter as integer, read a value set and a minimised objective");
    }

    [Fact]
    public void Load_NoSection_HasNoSearch()
    {
        Assert.True(ScenarioLoader.LoadDefault([]).Search is null, "a scenario without the section has no search");
    }

    [Theory]
    [InlineData("    - {path: policy.params.red_dayz, min: 7, max: 21}\n", "search.variables[0].path", "unknown parameter")]
    [InlineData("    - {path: checkin.probabilty, min: 0.5, max: 1}\n", "search.variables[0].path", "probability")]
    [InlineData("    - {path: policy.colours, min: 1, max: 2}\n", "search.variables[0].path", "not a number")]
    [InlineData("    - {path: policy.params.red_days, min: 21, max: 7}\n", "search.variables[0].max", "range is empty")]
    [InlineData("    - {path: policy.params.red_days, min: 7.2, max: 7.8, integer: true}\n", "search.variables[0].max", "range is empty")]
    [InlineData("    - {path: checkin.probability, min: 0.5, max: 1.5}\n", "search.variables[0].max", "leaves checkin.probability's range")]
    [InlineData("    - {path: checkin.probability}\n", "search.variables[0].min", "is required")]
    [InlineData("    - {path: checkin.probability, values: [0.5]}\n", "search.variables[0].values", "at least two different values")]
    [InlineData("    - {path: checkin.probability, values: [0.5, 1], min: 0.5}\n", "search.variables[0].min", "both given")]
    public void Load_BadVariable_NamesPathAndLine(string variable, string path, string message)
    {
        var errors = Errors(variable, GoodObjectives);

        Assert.True(errors.Any(e => e.SettingPath == path && e.Message.Contains(message, StringComparison.Ordinal) && e.Line > 0),
            $"expected an error at {path} (with its line) saying '{message}', got: {string.Join(" | ", errors.Select(e => e.ToString()))}");
    }

    [Theory]
    [InlineData("    - {metric: infections_avertd}\n    - {metric: data_records, direction: minimise}\n", "search.objectives[0].metric", "did you mean 'infections_averted'")]
    [InlineData("    - {metric: infections_averted}\n", "search.objectives", "at least 2")]
    [InlineData("    - {metric: infections_averted}\n    - {metric: data_records}\n    - {metric: people_looked_up}\n    - {metric: tests_total}\n", "search.objectives", "at most 3")]
    [InlineData("    - {metric: infections_averted, direction: up}\n    - {metric: data_records}\n", "search.objectives[0].direction", "maximise")]
    [InlineData("    - {metric: data_records}\n    - {metric: data_records, direction: minimise}\n", "search.objectives[1].metric", "objective twice")]
    public void Load_BadObjectives_NamesPathAndLine(string objectives, string path, string message)
    {
        var errors = Errors(GoodVariable, objectives);

        Assert.True(errors.Any(e => e.SettingPath == path && e.Message.Contains(message, StringComparison.Ordinal) && e.Line > 0),
            $"expected an error at {path} (with its line) saying '{message}', got: {string.Join(" | ", errors.Select(e => e.ToString()))}");
    }

    [Fact]
    public void Load_InfectionsAvertedWithoutCounterfactual_SaysItNeedsOne()
    {
        var text = SearchScenarios.Text("  variables:\n" + GoodVariable + "  objectives:\n" + GoodObjectives).Replace("counterfactual: no-codes", "counterfactual: null", StringComparison.Ordinal);

        var errors = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(text, "search-test.yaml", [])).Errors;

        Assert.True(errors.Any(e => e.SettingPath == "search.objectives[0].metric" && e.Message.Contains("counterfactual", StringComparison.Ordinal)),
            $"infections_averted without a counterfactual should be refused, got: {string.Join(" | ", errors.Select(e => e.ToString()))}");
    }

    [Theory]
    [InlineData("regions:\n  east:\n    population.size: 800\n  west:\n    population.size: 700\n", "'regions'")]
    [InlineData("uncertainty:\n  - {name: checkin, path: checkin.probability, distribution: uniform, min: 0.8, max: 0.95}\n", "'uncertainty'")]
    public void Load_SearchWithASectionItWouldIgnore_IsALocatedError(string section, string named)
    {
        var text = SearchScenarios.Text("  variables:\n" + GoodVariable + "  objectives:\n" + GoodObjectives) + section;

        var errors = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(text, "search-test.yaml", [])).Errors;

        Assert.True(errors.Any(e => e.SettingPath == "search" && e.Message.Contains(named, StringComparison.Ordinal) && e.Line > 0),
            $"a search should refuse {named}, which its candidates would ignore, at the search section's line; got: {string.Join(" | ", errors.Select(e => e.ToString()))}");
    }
}
