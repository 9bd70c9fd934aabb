using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Hcsim.Engine.Scenarios.Schema;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// The naming of YAML keys (<c>HouseholdSizeShares</c> is stored from <c>household_size_shares</c>), lookups of keys in
/// <see cref="ScenarioSchema"/>, and "did you mean" suggestions for misspelt keys.
/// </summary>
internal static class SettingNames
{
    /// <summary>Suggestions further than this many single-character edits away are more confusing than helpful.</summary>
    private const int MaxSuggestionDistance = 3;

    public static string ToSnakeCase(string pascalCase)
    {
        var builder = new StringBuilder(pascalCase.Length + 4);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            var c = pascalCase[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>The property a key of this config record's group is stored in (by <see cref="ScenarioSchema"/>), or null.</summary>
    public static PropertyInfo? FindProperty(Type recordType, string key) => ScenarioSchema.GroupOf(recordType).Child(key)?.Property;

    /// <summary>The keys of this config record's group in <see cref="ScenarioSchema"/>, in documented order.</summary>
    public static ImmutableArray<string> KeysOf(Type recordType) => ScenarioSchema.GroupOf(recordType).Keys;

    /// <summary>The message for a key the group does not have, with the reason when the schema knows why it is not there.</summary>
    public static string UnknownMessage(Setting group, string key, string where = "")
    {
        var message = UnknownMessage("setting", key, group.Keys, where);
        return group.NotKeys.TryGetValue(key, out var reason) ? $"{message}: {reason}" : message;
    }

    /// <summary>"unknown setting 'populaton'; did you mean 'population'? Valid settings here: ..."</summary>
    public static string UnknownMessage(string what, string key, IReadOnlyList<string> valid, string where = "")
    {
        var suggestion = Suggest(key, valid);
        var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
        var list = valid.Count == 0 ? "none" : string.Join(", ", valid);
        return $"unknown {what} '{key}'{where}{hint} (valid: {list})";
    }

    public static string? Suggest(string key, IReadOnlyList<string> valid)
    {
        string? best = null;
        var bestDistance = MaxSuggestionDistance + 1;
        foreach (var candidate in valid)
        {
            var distance = EditDistance.Between(key, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }
}
