using System.Collections.Immutable;
using System.Reflection;
using System.Text;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// The mapping between config record properties and YAML keys (<c>HouseholdSizeShares</c> is
/// <c>household_size_shares</c>), and "did you mean" suggestions for misspelt keys.
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

    /// <summary>The settable properties of a config record by YAML key, in declaration order.</summary>
    public static ImmutableArray<KeyValuePair<string, PropertyInfo>> PropertiesOf(Type recordType) =>
        [
            .. recordType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
                .OrderBy(p => p.MetadataToken)
                .Select(p => new KeyValuePair<string, PropertyInfo>(ToSnakeCase(p.Name), p)),
        ];

    public static PropertyInfo? FindProperty(Type recordType, string key)
    {
        foreach (var (name, property) in PropertiesOf(recordType))
        {
            if (name == key)
            {
                return property;
            }
        }
        return null;
    }

    public static ImmutableArray<string> KeysOf(Type recordType) => [.. PropertiesOf(recordType).Select(p => p.Key)];

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
            var distance = Levenshtein(key, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
