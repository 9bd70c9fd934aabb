using Hcsim.Engine.Scenarios.Schema;
using YamlDotNet.RepresentationModel;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Overrides by path (<c>policy.params.yellow_days</c>): checking a path against <see cref="ScenarioSchema"/>, and replacing the
/// value at a path in a YAML tree. Replacement copies only the mappings along the path and shares everything else, so
/// the base tree stays untouched and each variant gets its own tree cheaply.
/// </summary>
internal static class SettingPath
{
    /// <summary>Null if the path names a setting below the group of <paramref name="type"/> (it may be absent in the file), else why not.</summary>
    public static string? FindProblem(Type type, IReadOnlyList<string> segments, int start)
    {
        var setting = ScenarioSchema.GroupOf(type);
        for (var i = start; i < segments.Count; i++)
        {
            var segment = segments[i];
            var prefix = string.Join('.', segments.Take(i));
            if (segment.Length == 0)
            {
                return "a path is setting names separated by single dots, with none empty";
            }
            switch (setting.Kind)
            {
                case SettingKind.Map:
                    // Maps accept new names here (a variant may add a test kind); a policy parameter the base does not
                    // declare is refused by the loader, which knows the base's names.
                    setting = setting.Element!;
                    continue;
                case SettingKind.List:
                    return $"'{prefix}' is a list; set the whole list (for example {prefix}=[...]) rather than '{segment}' inside it";
                case SettingKind.Group:
                    var child = setting.Child(segment);
                    if (child is null)
                    {
                        var where = prefix.Length == 0 ? "" : $" in '{prefix}'";
                        return SettingNames.UnknownMessage(setting, segment, where);
                    }
                    setting = child;
                    continue;
                default:
                    return $"'{prefix}' is a single value and has no setting '{segment}'";
            }
        }
        return null;
    }

    /// <summary>The .NET type of the setting a valid path names (check it with <see cref="FindProblem"/> first).</summary>
    public static Type TypeAt(Type type, IReadOnlyList<string> segments) =>
        ScenarioSchema.Find(ScenarioSchema.GroupOf(type), segments)?.ClrType
        ?? throw new ArgumentException($"'{string.Join('.', segments)}' is not a valid setting path", nameof(segments));

    /// <summary>
    /// A copy of <paramref name="mapping"/> with the value at the path replaced by (or, if absent, set to)
    /// <paramref name="value"/>. Mappings created for absent keys are located at the value, so errors about them point
    /// at the override that caused them.
    /// </summary>
    public static YamlMappingNode Apply(
        YamlMappingNode mapping, IReadOnlyList<string> segments, int index, YamlNode value, NodeLocations locations)
    {
        var copy = new YamlMappingNode();
        locations.Assign(copy, locations.Of(mapping));
        var segment = segments[index];
        var last = index == segments.Count - 1;
        var found = false;
        foreach (var (key, child) in mapping.Children)
        {
            if (!found && key is YamlScalarNode { Value: { } name } && name == segment)
            {
                found = true;
                copy.Add(key, last ? value : Apply(AsMapping(child, value, locations), segments, index + 1, value, locations));
            }
            else
            {
                copy.Add(key, child);
            }
        }
        if (!found)
        {
            var key = new YamlScalarNode(segment);
            locations.Assign(key, locations.Of(value));
            copy.Add(key, last ? value : Apply(AsMapping(null, value, locations), segments, index + 1, value, locations));
        }
        return copy;
    }

    private static YamlMappingNode AsMapping(YamlNode? node, YamlNode value, NodeLocations locations)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }
        // Setting inside a value that is not a mapping replaces it; the binder would have rejected it anyway.
        var created = new YamlMappingNode();
        locations.Assign(created, locations.Of(value));
        return created;
    }
}
