using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Hcsim.Engine.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Binds a YAML node tree to the config records by reflection over their public init properties (this runs once per
/// load, never in a simulation loop). Keys absent from the YAML keep the record's initializer default. Every problem is
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

    public T BindRecord<T>(YamlNode node, string path) where T : class, new() =>
        TryBind(typeof(T), node, path, out var value) && value is T bound ? bound : new T();

    /// <summary>
    /// Binds one value; false when no usable value came out (the caller then keeps the default). A record, list or
    /// dictionary with problems inside still yields a value holding what could be bound, so validation sees the rest.
    /// </summary>
    public bool TryBind(Type type, YamlNode node, string path, out object? value)
    {
        _pathLocations[path] = _locations.Of(node);
        value = null;
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            if (IsNull(node))
            {
                return true;
            }
            type = underlying;
        }

        if (type == typeof(string))
        {
            return TryBindString(node, path, out value);
        }
        if (type == typeof(int) || type == typeof(long) || type == typeof(ulong))
        {
            return TryBindWhole(type, node, path, out value);
        }
        if (type == typeof(double))
        {
            if (TryBindDouble(node, path, out var number))
            {
                value = number;
                return true;
            }
            return false;
        }
        if (type == typeof(bool))
        {
            return TryBindBool(node, path, out value);
        }
        if (type == typeof(NumberOrParameter))
        {
            return TryBindNumberOrParameter(node, path, out value);
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            return TryBindArray(type.GetGenericArguments()[0], node, path, out value);
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableDictionary<,>)
            && type.GetGenericArguments()[0] == typeof(string))
        {
            return TryBindDictionary(type.GetGenericArguments()[1], node, path, out value);
        }
        if (type == typeof(ActionConfig) && node is YamlScalarNode bareAction)
        {
            return TryBindBareAction(bareAction, path, out value);
        }
        if (type.IsClass)
        {
            return TryBindRecord(type, node, path, out value);
        }
        throw new NotSupportedException($"the scenario binder does not support settings of type {type}");
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

    private bool TryBindArray(Type elementType, YamlNode node, string path, out object? value)
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
        var bound = new List<object?>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (TryBind(elementType, sequence.Children[i], $"{path}[{i}]", out var item) && item is not null)
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

    private bool TryBindDictionary(Type valueType, YamlNode node, string path, out object? value)
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
            if (TryBind(valueType, valueNode, Join(path, key), out var item))
            {
                entries.Add(new KeyValuePair<string, object?>(key, item));
            }
        }
        value = Generic(nameof(ToImmutableDictionary), valueType).Invoke(null, [entries]);
        return true;
    }

    private bool TryBindRecord(Type type, YamlNode node, string path, out object? value)
    {
        value = null;
        var properties = SettingNames.PropertiesOf(type);
        if (node is not YamlMappingNode mapping)
        {
            var keys = string.Join(", ", properties.Select(p => p.Key));
            Error(node, path, $"expected a mapping with settings ({keys}), got {Describe(node)}");
            return false;
        }
        var record = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"cannot create the config record {type}");
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(keyNode, path, $"expected a setting name as key, got {Describe(keyNode)}");
                continue;
            }
            var childPath = Join(path, key);
            var property = SettingNames.FindProperty(type, key);
            if (property is null)
            {
                Error(keyNode, childPath, SettingNames.UnknownMessage("setting", key, [.. properties.Select(p => p.Key)]));
                continue;
            }
            if (TryBind(property.PropertyType, valueNode, childPath, out var propertyValue))
            {
                property.SetValue(record, propertyValue);
            }
        }
        value = record;
        return true;
    }

    private bool TryBindBareAction(YamlScalarNode node, string path, out object? value)
    {
        if (node.Value == "release")
        {
            value = new ActionConfig { Release = "" };
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
