using System.Collections.Immutable;
using System.Globalization;
using Hcsim.Engine.Scenarios.Schema;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Uncertainty;
using YamlDotNet.RepresentationModel;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Reads the scenario's <c>uncertainty</c> list: binds it, checks every input (a number setting the base has, a known
/// distribution with exactly its parameters, nothing a variant or the sweep also changes), draws the values of every
/// replicate and checks those against the settings' ranges and the whole model. Problems go to the loader's errors,
/// located at the input.
/// </summary>
internal static class UncertaintySection
{
    private const string Key = "uncertainty";

    private static readonly string[] Parameters = ["min", "max", "mean", "sd", "alpha", "beta", "mu", "sigma"];

    /// <param name="changed">Every setting path a variant's <c>set</c> or a sweep axis changes, with who changes it.</param>
    public static InputDraws? Read(
        YamlNode node,
        ConfigBinder binder,
        ScenarioValidator validator,
        ModelConfig baseModel,
        ImmutableArray<string> fileKeys,
        ImmutableArray<string> declaredParameters,
        IReadOnlyList<(string Who, string Path)> changed,
        ulong seed,
        int replicates)
    {
        if (!binder.TryBind(ScenarioSchema.File.Child(Key)!, node, Key, null, out var bound) || bound is not ImmutableArray<UncertainInputConfig> written)
        {
            return null;
        }
        validator.ValidateUncertainty(Key, written);
        var items = node is YamlSequenceNode sequence ? sequence.Children : [];
        var inputs = ImmutableArray.CreateBuilder<UncertainInputConfig>(written.Length);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var valid = true;
        for (var i = 0; i < written.Length; i++)
        {
            var input = written[i];
            var path = $"{Key}[{i}]";
            var item = i < items.Count ? items[i] : node;
            void Error(string key, string message)
            {
                valid = false;
                binder.Error(ChildOr(item, key), key.Length == 0 ? path : $"{path}.{key}", message);
            }
            if (input.Path.Length == 0)
            {
                Error("", "every uncertain input needs a 'path': the model setting it draws (layers.household.beta, policy.params.yellow_days)");
                continue;
            }
            var segments = input.Path.Split('.');
            var problem = fileKeys.Contains(segments[0])
                ? $"'{segments[0]}' is a file-level setting; only model settings can be drawn"
                : segments is ["days"] ? "'days' cannot be drawn: every run of a variant has the same days, one row per day in daily.parquet"
                : SettingPath.FindProblem(typeof(ModelConfig), segments, 0);
            if (problem is null && segments is ["policy", "params", var declared])
            {
                problem = PolicyParameters.UndeclaredProblem(declared, declaredParameters, "the uncertainty section");
            }
            problem ??= SettingWriter.FindProblem(baseModel, segments);
            if (problem is not null)
            {
                Error("path", problem);
                continue;
            }
            if (!paths.Add(input.Path))
            {
                Error("path", $"'{input.Path}' is drawn twice; give each setting one distribution");
            }
            foreach (var (who, changedPath) in changed)
            {
                if (changedPath == input.Path || input.Path.StartsWith(changedPath + ".", StringComparison.Ordinal)
                    || changedPath.StartsWith(input.Path + ".", StringComparison.Ordinal))
                {
                    Error("path", $"{who} also sets '{changedPath}'; a drawn input replaces the value in every variant of a replicate, so that change would be lost: draw the setting or vary it, not both");
                }
            }
            var name = input.Name.Length > 0 ? input.Name : segments[^1];
            if (!ScenarioValidator.IdentifierPattern.IsMatch(name))
            {
                Error(input.Name.Length > 0 ? "name" : "path",
                    $"the input name '{name}' must start with a lower-case letter and hold only lower-case letters, digits and '_' (it names the column input_NAME); give it a 'name'");
            }
            else if (!names.Add(name))
            {
                Error(input.Name.Length > 0 ? "name" : "path", $"the input name '{name}' is used twice (columns are named input_NAME); give one a 'name'");
            }
            if (!InputDistribution.Names.Contains(input.Distribution))
            {
                valid = false; // reported by the schema check (an allowed value, or a required key)
                if (input.Distribution.Length == 0)
                {
                    Error("distribution", $"every uncertain input needs a 'distribution': {string.Join(", ", InputDistribution.Names)}");
                }
                continue;
            }
            var takes = InputDistribution.ParametersOf(input.Distribution);
            foreach (var parameter in Parameters)
            {
                var given = ValueOf(input, parameter) is not null;
                if (given && !takes.Contains(parameter))
                {
                    Error(parameter, $"is not a parameter of the {input.Distribution} distribution, which takes {string.Join(", ", takes)}");
                }
                else if (!given && InputDistribution.RequiredOf(input.Distribution).Contains(parameter))
                {
                    Error("", $"the {input.Distribution} distribution needs '{parameter}' (it takes {string.Join(", ", takes)})");
                }
            }
            if (input.Min is { } min && input.Max is { } max && !(min < max))
            {
                Error("max", $"must be greater than min ({F(min)}), got {F(max)}");
            }
            inputs.Add(input with { Name = name });
        }
        if (!valid || validator.Problems.Any(p => p.Path.StartsWith(Key, StringComparison.Ordinal)))
        {
            return null;
        }
        var draws = InputDraws.Draw(inputs.ToImmutable(), seed, replicates);
        return CheckDraws(draws, items, node, binder, baseModel) ? draws : null;
    }

    /// <summary>
    /// Every draw within its setting's range; and the whole base model valid, with the same optional columns, in the
    /// replicates holding each input's smallest and largest draw (validating every replicate would compile the rules
    /// once per replicate).
    /// </summary>
    private static bool CheckDraws(InputDraws draws, IList<YamlNode> items, YamlNode node, ConfigBinder binder, ModelConfig baseModel)
    {
        var ok = true;
        var extremes = new SortedSet<int>();
        for (var k = 0; k < draws.Inputs.Length; k++)
        {
            var input = draws.Inputs[k];
            var item = k < items.Count ? items[k] : node;
            var setting = SettingWriter.SettingAt(input.Path.Split('.'));
            var low = Enumerable.Range(0, draws.Replicates).MinBy(r => draws.Value(r, k));
            var high = Enumerable.Range(0, draws.Replicates).MaxBy(r => draws.Value(r, k));
            extremes.Add(low);
            extremes.Add(high);
            var below = setting.Minimum is { } minimum && (draws.Value(low, k) < minimum || (setting.MinimumExclusive && draws.Value(low, k) <= minimum));
            var above = setting.Maximum is { } maximum && draws.Value(high, k) > maximum;
            if (below || above)
            {
                ok = false;
                var (r, value) = below ? (low, draws.Value(low, k)) : (high, draws.Value(high, k));
                var range = $"{(setting.Minimum is { } a ? (setting.MinimumExclusive ? $"> {F(a)}" : $">= {F(a)}") : "")}{(setting.Minimum is not null && setting.Maximum is not null ? " and " : "")}{(setting.Maximum is { } b ? $"<= {F(b)}" : "")}";
                binder.Error(ChildOr(item, "distribution"), $"{Key}[{k}].distribution",
                    $"draws values outside the range of {input.Path} ({range}): replicate {r} draws {F(value)}; choose a distribution inside the range (uniform, or beta with min and max)");
            }
        }
        if (!ok)
        {
            return false;
        }
        var columns = string.Join(",", SimulationRun.PartColumns(baseModel).Select(c => c.Name));
        foreach (var r in extremes)
        {
            var model = draws.Apply(baseModel, r);
            var validator = new ScenarioValidator();
            validator.ValidateModel(model);
            var problems = validator.Problems.Where(p => p.Idle is null).ToList();
            var message = problems.Count > 0
                ? $"replicate {r}'s drawn values make the model invalid: {problems[0].Path}: {problems[0].Message}"
                : string.Join(",", SimulationRun.PartColumns(model).Select(c => c.Name)) != columns
                    ? $"replicate {r}'s drawn values switch an optional part's daily columns on or off (every run must have the same columns); start the base value away from zero"
                    : null;
            if (message is not null)
            {
                binder.Error(node, Key, $"{message} ({string.Join(", ", draws.Inputs.Select((input, k) => $"{input.Name} = {F(draws.Value(r, k))}"))})");
                return false;
            }
        }
        return true;
    }

    private static double? ValueOf(UncertainInputConfig input, string parameter) => parameter switch
    {
        "min" => input.Min,
        "max" => input.Max,
        "mean" => input.Mean,
        "sd" => input.Sd,
        "alpha" => input.Alpha,
        "beta" => input.Beta,
        "mu" => input.Mu,
        "sigma" => input.Sigma,
        _ => null,
    };

    private static YamlNode ChildOr(YamlNode item, string key) =>
        key.Length > 0 && item is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : item;

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
