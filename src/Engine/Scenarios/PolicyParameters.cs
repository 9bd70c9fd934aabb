using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// The policy's named numbers (<c>policy.params</c>) and the one way a number written in a rule resolves against them:
/// used by the validator (which reports what does not resolve) and by the compiled policy (which trusts that it does).
/// </summary>
public sealed class PolicyParameters
{
    private readonly IReadOnlyDictionary<string, double> _values;

    public PolicyParameters(IReadOnlyDictionary<string, double> values)
    {
        _values = values;
        Names = [.. values.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The declared names in ordinal order, as error messages list them.</summary>
    public ImmutableArray<string> Names { get; }

    public bool IsDeclared(string name) => _values.ContainsKey(name);

    /// <summary>The value of a literal or of a declared parameter; false when the number names an undeclared parameter.</summary>
    public bool TryResolve(NumberOrParameter number, out double value)
    {
        if (number.Parameter is { } name)
        {
            return _values.TryGetValue(name, out value);
        }
        value = number.Value ?? 0;
        return true;
    }

    /// <summary>The value of a literal or a declared parameter; an undeclared one throws (a validated policy has none).</summary>
    public double Resolve(NumberOrParameter number) =>
        TryResolve(number, out var value) ? value : throw new ArgumentException(Unknown(number.Parameter!), nameof(number));

    /// <summary>A number of whole days: the resolved value rounded half away from zero (2.5 days is 3).</summary>
    public int ResolveDays(NumberOrParameter number) => (int)Math.Round(Resolve(number), MidpointRounding.AwayFromZero);

    /// <summary>"unknown parameter 'x'; did you mean 'y'? (declared in policy.params: a, y)".</summary>
    public string Unknown(string name) => Unknown(name, Names);

    /// <summary>The message for a parameter name that is not among <paramref name="declared"/>, with a did-you-mean.</summary>
    public static string Unknown(string name, IReadOnlyList<string> declared)
    {
        var suggestion = SettingNames.Suggest(name, declared);
        var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
        var list = declared.Count == 0 ? "none" : string.Join(", ", declared);
        return $"unknown parameter '{name}'{hint} (declared in policy.params: {list})";
    }

    /// <summary>
    /// Why a variant, sweep axis or <c>--set</c> (<paramref name="who"/>) may not set parameter <paramref name="name"/>,
    /// or null when the base declares it. A parameter the base does not declare is read by no rule of the base, so setting
    /// it would change nothing: a typo in a sweep would otherwise give identical variants.
    /// </summary>
    public static string? UndeclaredProblem(string name, IReadOnlyList<string> declared, string who) =>
        declared.Contains(name)
            ? null
            : $"{Unknown(name, declared)}; {who} can change only parameters the base scenario declares, so declare it in policy.params first";
}
