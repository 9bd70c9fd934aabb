using System.Globalization;
using Hcsim.Engine.Calibration;
using YamlDotNet.RepresentationModel;

namespace Hcsim.Runner.Calibration;

/// <summary>
/// <c>calibrated.yaml</c>: the calibrated scenario with the command line's <c>--set</c> overrides and each fitted setting at
/// its posterior mean, without the <c>calibration</c> section, named <c>NAME-calibrated</c> so that <c>hcsim run</c>
/// writes beside, not over, the original's results. Comments of the original are not kept.
/// </summary>
public static class CalibratedScenario
{
    public const string FileName = "calibrated.yaml";

    public static string Write(string scenarioText, string scenarioName, IReadOnlyList<string> overrides, IReadOnlyList<PosteriorSummary> posterior)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(scenarioText));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        root.Children.Remove(new YamlScalarNode("calibration"));
        foreach (var setting in overrides)
        {
            var separator = setting.IndexOf('=', StringComparison.Ordinal);
            Set(root, setting[..separator].Trim(), setting[(separator + 1)..]);
        }
        foreach (var p in posterior)
        {
            Set(root, p.Path, p.Mean.ToString("R", CultureInfo.InvariantCulture));
        }
        Set(root, "name", $"{scenarioName}-calibrated");
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteLine($"# Written by hcsim calibrate: {scenarioName} with its fitted settings at their posterior means");
        text.WriteLine($"# ({string.Join(", ", posterior.Select(p => $"{p.Path} = {p.Mean.ToString("G6", CultureInfo.InvariantCulture)}"))}). Run with: hcsim run calibrated.yaml");
        stream.Save(text, assignAnchors: false);
        return text.ToString();
    }

    /// <summary>Sets a value (YAML text, as with --set) at a dotted path of a scenario tree, making the mappings on the way.</summary>
    internal static void Set(YamlMappingNode root, string path, string value)
    {
        var segments = path.Split('.');
        var node = root;
        foreach (var segment in segments[..^1])
        {
            var key = new YamlScalarNode(segment);
            if (!node.Children.TryGetValue(key, out var child) || child is not YamlMappingNode mapping)
            {
                mapping = new YamlMappingNode();
                node.Children[key] = mapping;
            }
            node = mapping;
        }
        // The value is YAML text, as with --set (a list, a mapping or a plain number).
        var parsed = new YamlStream();
        parsed.Load(new StringReader(value));
        node.Children[new YamlScalarNode(segments[^1])] = parsed.Documents.Count > 0 ? parsed.Documents[0].RootNode : new YamlScalarNode(value);
    }
}
