using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Expands a scenario's <c>sweep:</c> grid (setting path to a list of values) into one variant per combination.
/// </summary>
/// <remarks>
/// <para>The grid applies to the base scenario only: each point is the baseline with the point's values set, exactly as
/// if it were a declared variant. Declared variants are not crossed with the grid, because crossing the counterfactual
/// (no codes) with policy parameters would only repeat the same run under many names.</para>
/// <para>Points follow the declared order, the first axis varying slowest, and come after the declared variants.</para>
/// <para>Names join <c>label-value</c> parts with <c>--</c>: <c>yellow_days-3--probability-0.6</c>. The label is the
/// shortest dot-suffix of the path that tells the axes apart (<c>work.beta</c> and <c>school.beta</c> when two layers'
/// <c>beta</c> are swept). In a value, a leading minus becomes <c>m</c> (<c>-0.5</c> is <c>m0.5</c>) and any character
/// other than a letter, digit, '.', '_' or '-' becomes '_', so names are valid variant names and portable file names.</para>
/// </remarks>
internal static class SweepExpander
{
    /// <summary>More points than this is almost certainly a typo (a list pasted into the wrong key), not a study.</summary>
    public const int MaxPoints = 10_000;

    public const string PartSeparator = "--";

    public static ImmutableArray<SweepPoint> Expand(
        YamlNode node,
        ConfigBinder binder,
        IReadOnlyCollection<string> fileKeys,
        IReadOnlyList<string> parameters,
        out ImmutableArray<SweepAxis> axes)
    {
        axes = [];
        binder.Note("sweep", node);
        if (ConfigBinder.IsNull(node))
        {
            return [];
        }
        if (node is not YamlMappingNode mapping)
        {
            binder.Error(node, "sweep", $"expected a mapping of setting paths to lists of values (policy.params.yellow_days: [3, 7, 14]), got {ConfigBinder.Describe(node)}");
            return [];
        }
        if (mapping.Children.Count == 0)
        {
            binder.Error(node, "sweep", "a sweep needs at least one setting path with a list of values");
            return [];
        }

        var ok = true;
        var paths = new List<string>();
        var valueNodes = new List<List<YamlScalarNode>>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var path = (keyNode as YamlScalarNode)?.Value ?? "";
            var itemPath = $"sweep.{path}";
            var segments = path.Split('.');
            var problem = fileKeys.Contains(segments[0])
                ? $"'{segments[0]}' is a file-level setting that a sweep cannot change; a sweep changes model settings ({string.Join(", ", SettingNames.KeysOf(typeof(ModelConfig)))})"
                : SettingPath.FindProblem(typeof(ModelConfig), segments, 0)
                    ?? (segments is ["policy", "params", var parameter] ? PolicyParameters.UndeclaredProblem(parameter, parameters, "a sweep") : null);
            if (problem is not null)
            {
                binder.Error(keyNode, itemPath, problem);
                ok = false;
                continue;
            }
            var type = SettingPath.TypeAt(typeof(ModelConfig), segments);
            if (!IsSingleValue(type))
            {
                binder.Error(keyNode, itemPath, $"'{path}' holds a list or a group of settings; a sweep varies single values (numbers, true/false, names)");
                ok = false;
                continue;
            }
            if (valueNode is not YamlSequenceNode sequence)
            {
                binder.Error(valueNode, itemPath, $"expected a list of values to sweep over ([3, 7, 14]), got {ConfigBinder.Describe(valueNode)}");
                ok = false;
                continue;
            }
            if (sequence.Children.Count == 0)
            {
                binder.Error(valueNode, itemPath, "the list of values is empty; a sweep needs at least one value per setting");
                ok = false;
                continue;
            }
            var scalars = new List<YamlScalarNode>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var child = sequence.Children[i];
                var childPath = $"{itemPath}[{i}]";
                if (child is not YamlScalarNode scalar)
                {
                    binder.Error(child, childPath, $"expected a single value, got {ConfigBinder.Describe(child)}");
                    ok = false;
                    continue;
                }
                // Binding here reports a wrong type once, at the value, instead of once per grid point that uses it.
                if (!binder.TryBind(type, scalar, childPath, out _))
                {
                    ok = false;
                    continue;
                }
                if (!seen.Add(NamePart(scalar.Value ?? "")))
                {
                    binder.Error(child, childPath, $"the value '{scalar.Value}' is listed twice (or two values give the same variant name)");
                    ok = false;
                    continue;
                }
                scalars.Add(scalar);
            }
            paths.Add(path);
            valueNodes.Add(scalars);
        }
        if (!ok)
        {
            return [];
        }

        var total = 1L;
        foreach (var values in valueNodes)
        {
            total *= values.Count;
        }
        if (total > MaxPoints)
        {
            binder.Error(node, "sweep", string.Create(CultureInfo.InvariantCulture,
                $"the grid has {total:N0} points, more than the {MaxPoints:N0} allowed; split the study into several scenarios"));
            return [];
        }

        var labels = Labels(paths);
        axes = [.. paths.Select((p, a) => new SweepAxis
        {
            Path = p,
            Label = labels[a],
            Values = [.. valueNodes[a].Select(v => v.Value ?? "")],
        })];
        var points = ImmutableArray.CreateBuilder<SweepPoint>((int)total);
        var index = new int[paths.Count];
        for (var n = 0; n < total; n++)
        {
            var set = new YamlMappingNode();
            var settings = ImmutableArray.CreateBuilder<SweepSetting>(paths.Count);
            for (var a = 0; a < paths.Count; a++)
            {
                var value = valueNodes[a][index[a]];
                set.Add(new YamlScalarNode(paths[a]), value);
                settings.Add(new SweepSetting { Path = paths[a], Label = labels[a], Value = value.Value ?? "" });
            }
            var pointSettings = settings.MoveToImmutable();
            points.Add(new SweepPoint
            {
                Name = Name(pointSettings),
                Description = "Sweep point: " + string.Join(", ", pointSettings.Select(s => $"{s.Path} = {s.Value}")) + ".",
                Set = set,
                Settings = pointSettings,
            });
            // Odometer: the last axis varies fastest.
            for (var a = paths.Count - 1; a >= 0; a--)
            {
                if (++index[a] < valueNodes[a].Count)
                {
                    break;
                }
                index[a] = 0;
            }
        }
        return points.MoveToImmutable();
    }

    /// <summary>The variant name of a grid point: <c>label-value</c> parts joined by <see cref="PartSeparator"/>.</summary>
    public static string Name(IReadOnlyList<SweepSetting> settings) =>
        string.Join(PartSeparator, settings.Select(s => $"{s.Label}-{NamePart(s.Value)}"));

    public static string NamePart(string value)
    {
        var builder = new StringBuilder(value.Length + 1);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (i == 0 && c == '-')
            {
                builder.Append('m');
            }
            else
            {
                builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
            }
        }
        return builder.ToString();
    }

    /// <summary>For each path, the shortest dot-suffix that no other path ends with.</summary>
    public static ImmutableArray<string> Labels(IReadOnlyList<string> paths)
    {
        var split = paths.Select(p => p.Split('.')).ToList();
        var labels = ImmutableArray.CreateBuilder<string>(paths.Count);
        for (var a = 0; a < split.Count; a++)
        {
            var segments = split[a];
            var take = 1;
            while (take < segments.Length && split.Where((_, b) => b != a).Any(other => EndsWith(other, segments, take)))
            {
                take++;
            }
            labels.Add(string.Join('.', segments[^take..]));
        }
        return labels.MoveToImmutable();
    }

    private static bool EndsWith(string[] other, string[] segments, int take) =>
        other.Length >= take && other[^take..].SequenceEqual(segments[^take..], StringComparer.Ordinal);

    private static bool IsSingleValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type == typeof(string) || type == typeof(NumberOrParameter) || type.IsEnum;
    }
}
