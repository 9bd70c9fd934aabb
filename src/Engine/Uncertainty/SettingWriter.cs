using System.Collections.Immutable;
using System.Reflection;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Scenarios.Schema;

namespace Hcsim.Engine.Uncertainty;

/// <summary>
/// Sets one number at a setting path of a bound <see cref="ModelConfig"/>: copies the records along the path (with
/// their compiler-made clone) and replaces the value, sharing everything else, as a variant's <c>set</c> does with the
/// YAML tree. Used for the draws of the <c>uncertainty</c> section, which change every replicate.
/// </summary>
internal static class SettingWriter
{
    /// <summary>Why a number cannot be set at <paramref name="segments"/> of <paramref name="model"/>, or null if it can.</summary>
    public static string? FindProblem(ModelConfig model, IReadOnlyList<string> segments)
    {
        object? current = model;
        var setting = ScenarioSchema.Model;
        for (var i = 0; i < segments.Count; i++)
        {
            var prefix = string.Join('.', segments.Take(i + 1));
            switch (setting.Kind)
            {
                case SettingKind.Map:
                    var map = (System.Collections.IDictionary)current!;
                    if (!map.Contains(segments[i]))
                    {
                        return $"'{prefix}' is not declared in the base scenario; declare it first";
                    }
                    current = map[segments[i]];
                    setting = setting.Element!;
                    break;
                case SettingKind.Group:
                    setting = setting.Child(segments[i])!;
                    current = setting.Property!.GetValue(current);
                    if (current is null && i < segments.Count - 1)
                    {
                        return $"the base scenario has no '{prefix}' section, so there is nothing to draw a value in; write the section first";
                    }
                    break;
                default:
                    return $"'{prefix}' has no setting inside it";
            }
        }
        return setting.Kind is SettingKind.Number or SettingKind.Integer
            ? null
            : $"is not a number (it is {setting.Kind.ToString().ToLowerInvariant()}); only numbers can be drawn";
    }

    /// <summary>The setting a valid path names (its kind and range).</summary>
    public static Setting SettingAt(IReadOnlyList<string> segments) =>
        ScenarioSchema.Find(ScenarioSchema.Model, segments) ?? throw new ArgumentException("not a setting path", nameof(segments));

    /// <summary>A copy of <paramref name="model"/> with <paramref name="value"/> at the path (whole numbers rounded half away from zero).</summary>
    public static ModelConfig With(ModelConfig model, IReadOnlyList<string> segments, double value) =>
        (ModelConfig)With(model, ScenarioSchema.Model, segments, 0, value);

    private static object With(object current, Setting setting, IReadOnlyList<string> segments, int index, double value)
    {
        if (index == segments.Count)
        {
            var whole = Math.Round(value, MidpointRounding.AwayFromZero);
            return setting.ClrType == typeof(int) ? (object)(int)whole
                : setting.ClrType == typeof(long) ? (object)(long)whole
                : setting.ClrType == typeof(ulong) ? (object)(ulong)whole
                : (object)value;
        }
        if (setting.Kind == SettingKind.Map)
        {
            var element = setting.Element!;
            // An immutable dictionary of names to numbers or records (policy.params, tests, venues.kinds).
            var type = current.GetType();
            var key = segments[index];
            var item = type.GetProperty("Item")!.GetValue(current, [key])!;
            return type.GetMethod("SetItem")!.Invoke(current, [key, With(item, element, segments, index + 1, value)])!;
        }
        var child = setting.Child(segments[index])!;
        var property = child.Property!;
        var copy = Clone(current);
        property.SetValue(copy, With(property.GetValue(current)!, child, segments, index + 1, value));
        return copy;
    }

    private static object Clone(object record) =>
        record.GetType().GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance)!.Invoke(record, null)!;
}
