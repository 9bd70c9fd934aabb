using System.Collections.Immutable;
using System.Reflection;

namespace Hcsim.Engine.Scenarios.Schema;

/// <summary>
/// One key of the scenario file: its kind, unit, range, default and description. The tree of settings in
/// <see cref="ScenarioSchema"/> is the file format; the loader, the validator, <c>hcsim schema</c> and the README's
/// reference tables all read it.
/// </summary>
public sealed record Setting
{
    /// <summary>The YAML key (snake_case); empty for a list's item or a map's value.</summary>
    public required string Key { get; init; }
    public required SettingKind Kind { get; init; }
    public string Description { get; init; } = "";
    /// <summary>Unit of a number (<c>days</c>, <c>people</c>, <c>probability per person-day</c>); empty if none.</summary>
    public string Unit { get; init; } = "";
    public double? Minimum { get; init; }
    /// <summary>True when the value must be greater than <see cref="Minimum"/>, not equal to it.</summary>
    public bool MinimumExclusive { get; init; }
    public double? Maximum { get; init; }
    /// <summary>The value must be a multiple of this (2 for an even number).</summary>
    public double? MultipleOf { get; init; }
    /// <summary>Why the range is what it is, added to a range error.</summary>
    public string RangeReason { get; init; } = "";
    /// <summary>The values a text setting may take (in this order); empty for free text.</summary>
    public ImmutableArray<string> Allowed { get; init; } = [];
    /// <summary>A regular expression a text setting (or a map's names) must match; null for none.</summary>
    public string? Pattern { get; init; }
    /// <summary>Fewest items of a list.</summary>
    public int MinItems { get; init; }
    /// <summary>Most items of a list; null for no bound.</summary>
    public int? MaxItems { get; init; }
    /// <summary>A list whose items must differ.</summary>
    public bool UniqueItems { get; init; }
    /// <summary>The file must write this key (checked by the loader where the key is read).</summary>
    public bool Required { get; init; }
    /// <summary>The keys of a group, in the order the file format documents them.</summary>
    public ImmutableArray<Setting> Children { get; init; } = [];
    /// <summary>The item of a list or the value of a map.</summary>
    public Setting? Element { get; init; }
    /// <summary>
    /// A word that stands alone for a group with only that key set to an empty text (<c>release</c> for
    /// <c>release: ""</c> in an action); null when the group must be a mapping.
    /// </summary>
    public string? Shorthand { get; init; }
    /// <summary>Keys of a group of which exactly one must be written (an action's kind); empty for none.</summary>
    public ImmutableArray<string> ExactlyOneOf { get; init; } = [];
    /// <summary>Keys of a group that belong only beside another key (<c>days</c> beside <c>isolate</c>).</summary>
    public ImmutableDictionary<string, string> KeyNeeds { get; init; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>Keys that once were (or look as if they should be) in this group, with why they are not.</summary>
    public ImmutableDictionary<string, string> NotKeys { get; init; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>The .NET type the value is stored as (<c>int</c>, <c>ulong</c>, a config record, an immutable array...).</summary>
    public required Type ClrType { get; init; }
    /// <summary>The record property the value is stored in; null for list items, map values and file-level keys.</summary>
    public PropertyInfo? Property { get; init; }
    /// <summary>The value a key left out takes (read from the config records' initializers); null if none.</summary>
    public object? Default { get; init; }
    /// <summary>The default as the README shows it, where the value itself is too long to print; null to print it.</summary>
    public string? DefaultText { get; init; }

    public bool IsProbability => Kind == SettingKind.Number && Minimum == 0 && Maximum == 1 && !MinimumExclusive;

    /// <summary>The child with this key, or null.</summary>
    public Setting? Child(string key)
    {
        foreach (var child in Children)
        {
            if (child.Key == key)
            {
                return child;
            }
        }
        return null;
    }

    public ImmutableArray<string> Keys => [.. Children.Select(c => c.Key)];
}
