using System.Globalization;
using Hcsim.Engine.Search;
using Hcsim.Runner.Calibration;
using YamlDotNet.RepresentationModel;

namespace Hcsim.Runner.Search;

/// <summary>
/// <c>front.yaml</c>: the searched scenario with the command line's <c>--set</c> overrides, one variant per policy on the
/// honest front (<c>front-ID</c>, setting its decision values, ordered by the first objective), the counterfactual kept
/// (so <c>infections_averted</c> is measured the same way) and <c>replicates</c> set to the search's, so that
/// <c>hcsim run front.yaml</c> repeats each front policy's runs (same seeds: common random numbers). The <c>search</c>,
/// <c>calibration</c>, <c>sweep</c>, <c>uncertainty</c> and <c>reference</c> keys and the other variants are left out; the
/// baseline stays the scenario's own policy. Named <c>NAME-front</c>, so <c>hcsim run</c> writes beside the original's
/// results. Comments of the original are not kept.
/// </summary>
public static class FrontScenario
{
    public const string FileName = "front.yaml";

    /// <summary>The variant name of a front candidate.</summary>
    public static string VariantName(SearchCandidate candidate) => $"front-{candidate.Id}";

    /// <param name="front">The front's candidates, in the order to list them.</param>
    public static string Write(string scenarioText, string scenarioName, IReadOnlyList<string> overrides, SearchConfig config, string? counterfactual,
        IReadOnlyList<SearchCandidate> front) =>
        WithVariants(scenarioText, $"{scenarioName}-front", overrides, config, counterfactual,
            [.. front.Select(candidate => new PolicyVariant(VariantName(candidate), candidate.Values,
                Invariant($"On the search's front (generation {candidate.Generation}): {string.Join(", ", config.Objectives.Select((o, k) => $"{o.Metric} {candidate.Mean(k):G6}"))}")))],
            $"# Written by hcsim optimise: {scenarioName} with one variant per policy on the honest front ({front.Count}).",
            "# Run with: hcsim run front.yaml (the same seeds as the search, so each variant repeats its runs).");

    /// <summary>
    /// The scenario with the overrides applied, the counterfactual variant kept, one variant per policy (its decision
    /// values under <c>set:</c>), <c>replicates</c> set to the search's and the search-like sections left out; named
    /// <paramref name="name"/>. Replicate r of every variant then runs with the seed <c>hcsim run</c> gives replicate r.
    /// </summary>
    public static string WithVariants(string scenarioText, string name, IReadOnlyList<string> overrides, SearchConfig config, string? counterfactual,
        IReadOnlyList<PolicyVariant> policies, params string[] header)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(scenarioText));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        foreach (var key in new[] { "search", "calibration", "sweep", "uncertainty", "reference" })
        {
            root.Children.Remove(new YamlScalarNode(key));
        }
        foreach (var setting in overrides)
        {
            var separator = setting.IndexOf('=', StringComparison.Ordinal);
            CalibratedScenario.Set(root, setting[..separator].Trim(), setting[(separator + 1)..]);
        }
        var variants = new YamlSequenceNode();
        if (root.Children.TryGetValue(new YamlScalarNode("variants"), out var existing) && existing is YamlSequenceNode declared && counterfactual is not null)
        {
            foreach (var variant in declared.Children.OfType<YamlMappingNode>())
            {
                if (variant.Children.TryGetValue(new YamlScalarNode("name"), out var declaredName) && declaredName is YamlScalarNode { Value: { } n } && n == counterfactual)
                {
                    variants.Add(variant);
                }
            }
        }
        foreach (var policy in policies)
        {
            var set = new YamlMappingNode();
            for (var k = 0; k < config.Variables.Length; k++)
            {
                set.Add(config.Variables[k].Path, config.Variables[k].Values.IsDefaultOrEmpty && !config.Variables[k].Integer
                    ? policy.Values[k].ToString("R", CultureInfo.InvariantCulture)
                    : policy.Values[k].ToString("0.################", CultureInfo.InvariantCulture));
            }
            variants.Add(new YamlMappingNode
            {
                { "name", policy.Name },
                { "description", policy.Description },
                { "set", set },
            });
        }
        root.Children[new YamlScalarNode("variants")] = variants;
        CalibratedScenario.Set(root, "replicates", config.Replicates.ToString(CultureInfo.InvariantCulture));
        CalibratedScenario.Set(root, "name", name);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var line in header)
        {
            text.WriteLine(line);
        }
        stream.Save(text, assignAnchors: false);
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
