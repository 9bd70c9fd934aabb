using System.Collections.Immutable;
using System.Text.Json;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// The settings of a variant as the engine uses them: rules switched off (by <c>enabled: PARAM</c> or by
/// <c>policy.enabled: false</c>) are left out, and so are parameters no remaining rule reads. Two variants with equal
/// effective settings run identically replicate by replicate (same seeds), so a sweep point equal to an earlier
/// variant adds nothing but run time.
/// </summary>
public static class EffectiveSettings
{
    /// <summary>Sweep points whose effective settings equal an earlier variant's, in scenario order.</summary>
    public static ImmutableArray<IdenticalVariant> FindIdenticalSweepPoints(IReadOnlyList<ScenarioVariant> variants)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        var identical = ImmutableArray.CreateBuilder<IdenticalVariant>();
        foreach (var variant in variants)
        {
            var key = Key(variant.Model);
            if (first.TryGetValue(key, out var earlier))
            {
                if (!variant.Sweep.IsEmpty)
                {
                    identical.Add(new IdenticalVariant(variant.Name, earlier));
                }
            }
            else
            {
                first[key] = variant.Name;
            }
        }
        return identical.ToImmutable();
    }

    /// <summary>A canonical text of the effective settings: equal texts mean identical runs.</summary>
    public static string Key(ModelConfig model)
    {
        var policy = model.Policy;
        var rules = policy.Enabled ? policy.Rules.Where(r => r.IsOn(policy.Params)).ToImmutableArray() : [];
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            read.UnionWith(Rules.RuleCompiler.ParametersRead(rule.When, policy.Params, People.DeclaredAttributes.Of(model.Attributes)));
            if (rule.Enabled.Length > 0)
            {
                read.Add(rule.Enabled);
            }
            foreach (var action in rule.Do)
            {
                NumberOrParameter?[] numbers = [action.Days, action.Trace?.Days, action.Trace?.DelayDays];
                read.UnionWith(numbers.Select(n => n?.Parameter).OfType<string>());
            }
        }
        if (model.Score.Length > 0)
        {
            read.UnionWith(Rules.RuleCompiler.ParametersRead(model.Score, policy.Params, People.DeclaredAttributes.Of(model.Attributes), isScore: true));
        }
        var effective = model with
        {
            Policy = policy with
            {
                Rules = rules,
                Params = policy.Params.Where(p => read.Contains(p.Key)).ToImmutableDictionary(StringComparer.Ordinal),
            },
        };
        // Sorted keys, so that two dictionaries with the same entries give the same text whatever their history.
        return JsonSerializer.Serialize(Canonical(JsonSerializer.SerializeToElement(effective)));
    }

    private static object? Canonical(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new SortedDictionary<string, object?>(
            element.EnumerateObject().ToDictionary(p => p.Name, p => Canonical(p.Value), StringComparer.Ordinal), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Canonical).ToList(),
        _ => element.Clone(),
    };
}
