using System.Globalization;
using Hcsim.Engine.Rules;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.People;

/// <summary>
/// The checks of the <c>attributes</c> section and the <c>score</c> expression beyond the schema's ranges: names that
/// rules could not tell from a fact or a parameter, band parameters no distribution accepts, the outputs split, and the
/// score compiled as rules compile conditions. Each problem is a setting path, placed in the file by the loader.
/// </summary>
internal static class AttributeValidator
{
    public static List<SettingProblem> Problems(ModelConfig model)
    {
        var problems = new List<SettingProblem>();
        var split = 0;
        foreach (var (name, attribute) in model.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var path = $"attributes.{name}";
            if (RuleFacts.All.Any(f => f.Name == name))
            {
                problems.Add(new(path, $"'{name}' is the name of a fact rules can read; choose another attribute name"));
            }
            else if (model.Policy.Params.ContainsKey(name))
            {
                problems.Add(new(path, $"'{name}' is also a policy parameter (policy.params.{name}); a condition could not tell them apart, so rename one"));
            }
            if (attribute.SplitOutputs)
            {
                split++;
                if (attribute.Kind != AttributeKinds.Boolean)
                {
                    problems.Add(new($"{path}.split_outputs", $"only a boolean attribute can split the outputs; '{name}' is a {attribute.Kind}"));
                }
                else if (split > 1)
                {
                    problems.Add(new($"{path}.split_outputs", "at most one attribute may split the outputs (split_outputs: true)"));
                }
            }
            for (var b = 0; b < attribute.ByAge.Length; b++)
            {
                var band = attribute.ByAge[b];
                var bandPath = $"{path}.by_age[{b}]";
                if (band.MinAge > band.MaxAge)
                {
                    problems.Add(new($"{bandPath}.max_age", $"must be at least min_age ({band.MinAge}), got {band.MaxAge}"));
                }
                if (attribute.Kind != AttributeKinds.Number)
                {
                    continue;
                }
                if (band.Distribution == "lognormal" && band.Mean <= 0)
                {
                    problems.Add(new($"{bandPath}.mean", $"a lognormal number needs a mean above 0, got {Format(band.Mean)}"));
                }
                if (band.Distribution == "uniform" && band.High < band.Low)
                {
                    problems.Add(new($"{bandPath}.high", $"must be at least low ({Format(band.Low)}), got {Format(band.High)}"));
                }
            }
        }
        if (model.Score.Length > 0)
        {
            var attributes = DeclaredAttributes.Of(model.Attributes);
            try
            {
                RuleCompiler.CompileScore(model.Score, model.Policy.Params, attributes, out var read);
                if ((read & RuleRegistry.Core().FactBits("score")) != 0)
                {
                    problems.Add(new("score", "the score cannot read the fact 'score' (itself)"));
                }
                else if (RuleCompiler.FindZeroDivisor(model.Score, model.Policy.Params, attributes, isScore: true) is { } divisor)
                {
                    problems.Add(new("score", $"the score divides by zero: the divisor {divisor} is 0 with these parameters ('{model.Score}')"));
                }
            }
            catch (RuleExpressionException e)
            {
                problems.Add(new("score", $"{e.Message} (at character {e.Position + 1} of the score)", e.Position));
            }
        }
        return problems;
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
