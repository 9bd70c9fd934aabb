using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// A health-code rule: when the trigger <see cref="On"/> concerns a person whose colour is in <see cref="Colours"/>
/// (all colours if empty) and the condition <see cref="When"/> holds, the actions <see cref="Do"/> are requested.
/// Triggers: checkin, fever_report, test_result, traced, daily.
/// </summary>
public sealed record RuleConfig
{
    public string Name { get; init; } = "";
    public string On { get; init; } = "";
    public ImmutableArray<string> Colours { get; init; } = [];
    public string When { get; init; } = "true";
    public ImmutableArray<ActionConfig> Do { get; init; } = [];
    /// <summary>Set by the loader, not a setting (its setter is not public, so no YAML key binds to it).</summary>
    internal RuleSource? Source { get; init; }
}
