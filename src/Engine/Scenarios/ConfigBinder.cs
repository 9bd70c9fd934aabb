using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Binds a YAML node tree to the config records as <see cref="ScenarioSchema"/> describes them: the schema says which
/// keys exist and what each holds; reflection only moves the values into the records' init properties (once per load,
/// never in a simulation loop). Keys absent from the YAML keep their default. Every problem is
/// added to the shared error list and binding goes on, so one load reports all of them. While binding, the location of
/// every setting path is recorded, so validation problems (which know only the path) can be placed in the file.
/// </summary>
internal sealed class ConfigBinder
{
    private readonly NodeLocations _locations;
    private readonly List<ScenarioError> _errors;
    private readonly Dictionary<string, SourceLocation> _pathLocations = new(StringComparer.Ordinal);
    private readonly List<string> _errorPaths = [];

    public ConfigBinder(NodeLocations locations, List<ScenarioError> errors)
    {
        _locations = locations;
        _errors = errors;
    }

    /// <summary>The location of the value of each bound setting path (<c>policy.rules[1].do[0].set_colour</c>).</summary>
    public IReadOnlyDictionary<string, SourceLocation> PathLocations => _pathLocations;

    /// <summary>Binds the model settings (every top-level key but the file-level ones) by <see cref="ScenarioSchema.Model"/>.</summary>
    public ModelConfig BindModel(YamlNode node) =>
        TryBind(ScenarioSchema.Model, node, "", null, out var value) && value is ModelConfig bound ? bound : new ModelConfig();

    /// <summary>Binds one single value of this .NET type (a file-level key, a sweep value).</summary>
    public bool TryBind(Type type, YamlNode node, string path, out object? value)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying != type && IsNull(node))
        {
            _pathLocations[path] = _locations.Of(node);
            value = null;
            return true;
        }
        var kind = underlying == typeof(string) ? SettingKind.Text
            : underlying == typeof(double) ? SettingKind.Number
            : underlying == typeof(bool) ? SettingKind.Boolean
            : underlying == typeof(NumberOrParameter) ? SettingKind.NumberOrParameter
            : underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(ulong) ? SettingKind.Integer
            : throw new NotSupportedException($"the scenario binder binds single values only, not {type}");
        return TryBind(new Setting { Key = "", Kind = kind, ClrType = underlying }, node, path, null, out value);
    }

    /// <summary>
    /// Binds one value as the setting says; false when no usable value came out (the caller then keeps the default).
    /// A group, list or map with problems inside still yields a value holding what could be bound, so validation sees
    /// the rest. A group starts from <paramref name="defaults"/> (the value in force where the file leaves keys out).
    /// </summary>
    public bool TryBind(Setting setting, YamlNode node, string path, object? defaults, out object? value)
    {
        _pathLocations[path] = _locations.Of(node);
        value = null;
        if (setting.Property is { } property && Nullable.GetUnderlyingType(property.PropertyType) is not null && IsNull(node))
        {
            return true;
        }
        switch (setting.Kind)
        {
            case SettingKind.Text:
                return TryBindString(node, path, out value);
            case SettingKind.Integer:
                return TryBindWhole(setting.ClrType, node, path, out value);
            case SettingKind.Number:
                if (TryBindDouble(node, path, out var number))
                {
                    value = number;
                    return true;
                }
                return false;
            case SettingKind.Boolean:
                return TryBindBool(node, path, out value);
            case SettingKind.NumberOrParameter:
                return TryBindNumberOrParameter(node, path, out value);
            case SettingKind.List:
                return TryBindArray(setting.Element!, node, path, out value);
            case SettingKind.Map:
                return TryBindDictionary(setting.Element!, node, path, out value);
            case SettingKind.Group when setting.Shorthand is { } shorthand && node is YamlScalarNode word:
                return TryBindShorthand(setting, shorthand, word, path, out value);
            case SettingKind.Group:
                return TryBindRecord(setting, node, path, defaults, out value);
            default:
                throw new NotSupportedException($"the scenario binder does not bind {setting.Kind} settings");
        }
    }

    /// <summary>Records where a path is written without binding it, for parts the loader reads by hand.</summary>
    public void Note(string path, YamlNode node) => _pathLocations[path] = _locations.Of(node);

    public void Error(YamlNode node, string path, string message)
    {
        _errorPaths.Add(path);
        var location = _locations.Of(node);
        _errors.Add(new ScenarioError(location.File, location.Line, location.Column, path, message));
    }

    /// <summary>
    /// True when binding already reported a problem at this path, inside it or around it. A value that failed to bind
    /// is left out or kept at its default, so validating near it would only repeat the same mistake in other words
    /// (an unknown action leaves the rule's <c>do</c> list empty).
    /// </summary>
    public bool IsNearError(string path)
    {
        foreach (var errorPath in _errorPaths)
        {
            if (Encloses(path, errorPath) || Encloses(errorPath, path))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Encloses(string outer, string inner) =>
        inner.StartsWith(outer, StringComparison.Ordinal)
        && (inner.Length == outer.Length || outer.Length == 0 || inner[outer.Length] is '.' or '[');

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private bool TryBindString(YamlNode node, string path, out object? value)
    {
        if (node is YamlScalarNode scalar)
        {
            value = scalar.Value ?? "";
            return true;
        }
        Error(node, path, $"expected a text value, got {Describe(node)}");
        value = null;
        return false;
    }

    private bool TryBindWhole(Type type, YamlNode node, string path, out object? value)
    {
        value = null;
        var text = (node as YamlScalarNode)?.Value?.Trim() ?? "";
        var parsed = TryParseWhole(text, out var whole);
        if (type == typeof(ulong))
        {
            if (parsed && whole >= 0)
            {
                value = (ulong)whole;
                return true;
            }
            if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var big))
            {
                value = big;
                return true;
            }
            Error(node, path, $"expected a non-negative whole number, got {Describe(node)}");
            return false;
        }
        if (!parsed)
        {
            Error(node, path, $"expected a whole number, got {Describe(node)}");
            return false;
        }
        if (type == typeof(int))
        {
            if (whole is < int.MinValue or > int.MaxValue)
            {
                Error(node, path, $"must be a whole number between {int.MinValue} and {int.MaxValue}, got {text}");
                return false;
            }
            value = (int)whole;
            return true;
        }
        value = whole;
        return true;
    }

    // Whole numbers may be written as 1e6 or 2.0 too: researchers copy such values from papers and spreadsheets.
    private static bool TryParseWhole(string text, out long whole)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out whole))
        {
            return true;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number) && Math.Floor(number) == number && Math.Abs(number) < 9e18)
        {
            whole = (long)number;
            return true;
        }
        return false;
    }

    private bool TryBindDouble(YamlNode node, string path, out double value)
    {
        var text = (node as YamlScalarNode)?.Value?.Trim() ?? "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }
        Error(node, path, $"expected a number, got {Describe(node)}");
        return false;
    }

    private bool TryBindBool(YamlNode node, string path, out object? value)
    {
        var text = (node as YamlScalarNode)?.Value?.Trim() ?? "";
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }
        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            value = false;
            return true;
        }
        Error(node, path, $"expected true or false, got {Describe(node)}");
        value = null;
        return false;
    }

    private bool TryBindNumberOrParameter(YamlNode node, string path, out object? value)
    {
        var text = (node as YamlScalarNode)?.Value?.Trim() ?? "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            value = NumberOrParameter.Of(number);
            return true;
        }
        if (node is YamlScalarNode && IdentifierPattern.IsMatch(text))
        {
            value = NumberOrParameter.Named(text);
            return true;
        }
        Error(node, path, $"expected a number or a policy parameter name, got {Describe(node)}");
        value = null;
        return false;
    }

    private bool TryBindArray(Setting element, YamlNode node, string path, out object? value)
    {
        value = null;
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, path, $"expected a list, got {Describe(node)}");
            return false;
        }
        // An item that fails to bind becomes a default placeholder rather than a null or a gap: validation can walk
        // the list, later items keep their index (so their paths match the file), and IsNearError silences the
        // placeholder's own problems.
        var elementType = element.ClrType;
        var bound = new List<object?>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (TryBind(element, sequence.Children[i], $"{path}[{i}]", null, out var item) && item is not null)
            {
                bound.Add(item);
            }
            else if (Placeholder(elementType) is { } placeholder)
            {
                bound.Add(placeholder);
            }
        }
        var items = Array.CreateInstance(elementType, bound.Count);
        for (var i = 0; i < bound.Count; i++)
        {
            items.SetValue(bound[i], i);
        }
        value = Generic(nameof(ToImmutableArray), elementType).Invoke(null, [items]);
        return true;
    }

    private bool TryBindDictionary(Setting element, YamlNode node, string path, out object? value)
    {
        value = null;
        if (node is not YamlMappingNode mapping)
        {
            Error(node, path, $"expected a mapping of names to values, got {Describe(node)}");
            return false;
        }
        var entries = new List<KeyValuePair<string, object?>>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                Error(keyNode, path, $"expected a name as key, got {Describe(keyNode)}");
                continue;
            }
            if (TryBind(element, valueNode, Join(path, key), null, out var item))
            {
                entries.Add(new KeyValuePair<string, object?>(key, item));
            }
        }
        value = Generic(nameof(ToImmutableDictionary), element.ClrType).Invoke(null, [entries]);
        return true;
    }

    private bool TryBindRecord(Setting group, YamlNode node, string path, object? defaults, out object? value)
    {
        value = null;
        if (node is not YamlMappingNode mapping)
        {
            Error(node, path, $"expected a mapping with settings ({string.Join(", ", group.Keys)}), got {Describe(node)}");
            return false;
        }
        var record = Activator.CreateInstance(group.ClrType)
            ?? throw new InvalidOperationException($"cannot create the config record {group.ClrType}");
        if (defaults is not null)
        {
            // Keys the file leaves out keep the value in force at this path, not the record type's own initializer:
            // 'latent_days: {distribution: fixed}' keeps the latent mean of 3 days.
            foreach (var child in group.Children)
            {
                child.Property!.SetValue(record, child.Property.GetValue(defaults));
            }
        }
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(keyNode, path, $"expected a setting name as key, got {Describe(keyNode)}");
                continue;
            }
            var childPath = Join(path, key);
            var child = group.Child(key);
            if (child is null)
            {
                Error(keyNode, childPath, SettingNames.UnknownMessage(group, key));
                continue;
            }
            if (TryBind(child, valueNode, childPath, child.Default, out var childValue))
            {
                child.Property!.SetValue(record, childValue);
            }
        }
        value = record;
        return true;
    }

    private bool TryBindShorthand(Setting group, string shorthand, YamlScalarNode node, string path, out object? value)
    {
        if (node.Value == shorthand)
        {
            var record = Activator.CreateInstance(group.ClrType)
                ?? throw new InvalidOperationException($"cannot create the config record {group.ClrType}");
            group.Child(shorthand)!.Property!.SetValue(record, "");
            value = record;
            return true;
        }
        Error(node, path,
            $"unknown action {Describe(node)}: only 'release' stands alone; other actions need a value, such as "
            + "'set_colour: red', 'isolate: home', 'test: pcr' or 'trace: {layers: [household]}'");
        value = null;
        return false;
    }

    private static object? Placeholder(Type type) =>
        type == typeof(string) ? ""
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) ? null
        : type.IsValueType || type.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(type)
        : null;

    private static MethodInfo Generic(string name, Type typeArgument) =>
        typeof(ConfigBinder).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(typeArgument);

    private static ImmutableArray<T> ToImmutableArray<T>(T[] items) => ImmutableArray.Create(items);

    private static ImmutableDictionary<string, T> ToImmutableDictionary<T>(List<KeyValuePair<string, object?>> entries) =>
        entries.ToImmutableDictionary(e => e.Key, e => (T)e.Value!, StringComparer.Ordinal);

    private static readonly Regex IdentifierPattern = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
}
