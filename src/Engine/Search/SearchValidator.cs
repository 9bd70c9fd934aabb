using System.Globalization;
using Hcsim.Engine.Calibration;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Scenarios.Schema;

namespace Hcsim.Engine.Search;

/// <summary>
/// Checks a bound <c>search</c> section against the base model: setting paths that exist and hold numbers, each variable
/// with a non-empty range inside the setting's range or a set of values (not both), objectives that are summary columns
/// (each once; <c>infections_averted</c> only with a counterfactual), and the schema's ranges (2 or 3 objectives, a known
/// direction). Variables on settings that hold whole numbers are marked <see cref="SearchVariableConfig.Integer"/>.
/// </summary>
internal sealed class SearchValidator
{
    private const string Section = "search";
    private readonly List<SettingProblem> _problems = [];

    public IReadOnlyList<SettingProblem> Problems => _problems;

    /// <param name="counterfactual">The scenario's counterfactual variant, or null without one.</param>
    public SearchConfig Validate(SearchConfig config, ModelConfig model, string? counterfactual)
    {
        var validator = new ScenarioValidator();
        validator.ValidateSetting(ScenarioSchema.File.Child(Section)!, config, Section);
        _problems.AddRange(validator.Problems);
        if (config.Variables.IsDefaultOrEmpty)
        {
            Add($"{Section}.variables", "is required: list at least one setting to vary (- path: policy.params.red_days, min: 7, max: 21)");
        }
        if (config.Objectives.IsDefaultOrEmpty)
        {
            Add($"{Section}.objectives", "is required: list two or three summary metrics (- metric: infections_averted, direction: maximise)");
        }
        var variables = (config.Variables.IsDefault ? [] : config.Variables).ToBuilder();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < variables.Count; i++)
        {
            var at = $"{Section}.variables[{i}]";
            if (!paths.Add(variables[i].Path))
            {
                Add($"{at}.path", $"'{variables[i].Path}' is varied twice; list each setting once");
            }
            variables[i] = ValidateVariable(variables[i], model, at);
        }
        var summary = TargetMetric.SummaryNames(model);
        var metrics = new HashSet<string>(StringComparer.Ordinal);
        var objectives = config.Objectives.IsDefault ? [] : config.Objectives;
        for (var i = 0; i < objectives.Length; i++)
        {
            var at = $"{Section}.objectives[{i}].metric";
            var metric = objectives[i].Metric;
            if (!summary.Contains(metric))
            {
                Add(at, SettingNames.UnknownMessage("objective metric", metric, summary) + " (objectives are summary columns)");
            }
            else if (!metrics.Add(metric))
            {
                Add(at, $"'{metric}' is an objective twice; list each metric once");
            }
            else if (metric == "infections_averted" && counterfactual is null)
            {
                Add(at, "needs the scenario's counterfactual (a variant without codes, named by 'counterfactual:'): infections averted are counted against it");
            }
        }
        return config with { Variables = variables.ToImmutable() };
    }

    private SearchVariableConfig ValidateVariable(SearchVariableConfig variable, ModelConfig model, string at)
    {
        if (variable.Path.Length == 0)
        {
            Add($"{at}.path", "is required: the setting to vary, by path (policy.params.red_days)");
            return variable;
        }
        var problem = NumberSettingPath.FindProblem(variable.Path, model, Section, "search varies", wholeNumbers: true, out var setting);
        if (problem is not null)
        {
            Add($"{at}.path", problem);
            return variable;
        }
        var whole = variable.Integer || setting!.Kind == SettingKind.Integer;
        var low = setting!.Minimum ?? double.NegativeInfinity;
        var high = setting.Maximum ?? double.PositiveInfinity;
        if (variable.IsValueSet)
        {
            if (variable.Min is not null || variable.Max is not null)
            {
                Add($"{at}.{(variable.Min is not null ? "min" : "max")}", "and 'values' are both given; a variable has either a range (min, max) or a set of values");
            }
            foreach (var value in variable.Values)
            {
                if (value < low || value > high || (setting.Kind == SettingKind.Integer && value != Math.Round(value)))
                {
                    Add($"{at}.values", $"{Format(value)} is not a valid value of {variable.Path} ({Describe(setting, low, high)})");
                }
            }
            if (variable.Values.Distinct().Count() < 2)
            {
                Add($"{at}.values", "must list at least two different values: a single value is not a decision");
            }
            return variable with { Integer = whole };
        }
        if (variable.Min is not { } min || variable.Max is not { } max)
        {
            Add($"{at}.{(variable.Min is null ? "min" : "max")}", "is required: give a range (min and max) or a set of values");
            return variable;
        }
        if (!(min < max) || (whole && Math.Floor(max) < Math.Ceiling(min) + 1))
        {
            Add($"{at}.max", $"must be above min ({Format(min)}){(whole ? " by at least one whole number" : "")}: the range is empty, got {Format(max)}");
            return variable;
        }
        if (min < low || max > high)
        {
            Add($"{at}.{(min < low ? "min" : "max")}", $"the range [{Format(min)}, {Format(max)}] leaves {variable.Path}'s range [{Format(low)}, {Format(high)}]; give min and max inside it");
        }
        return variable with { Integer = whole };
    }

    private static string Describe(Setting setting, double low, double high) =>
        $"{(setting.Kind == SettingKind.Integer ? "a whole number" : "a number")} in [{Format(low)}, {Format(high)}]";

    private void Add(string path, string message) => _problems.Add(new SettingProblem(path, message));

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
