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
    /// <summary>
    /// Name of a 0/1 policy parameter that switches the rule on (1) or off (0), so a variant or a sweep can switch rules
    /// without copying the rule list; empty means always on. A rule that is off is not compiled at all.
    /// </summary>
    public string Enabled { get; init; } = "";

    /// <summary>True unless <see cref="Enabled"/> names a parameter whose value in <paramref name="parameters"/> is 0.</summary>
    public bool IsOn(IReadOnlyDictionary<string, double> parameters) =>
        Enabled.Length == 0 || !parameters.TryGetValue(Enabled, out var value) || value != 0;
    /// <summary>Set by the loader, not a setting (its setter is not public, so no YAML key binds to it).</summary>
    internal RuleSource? Source { get; init; }
}
