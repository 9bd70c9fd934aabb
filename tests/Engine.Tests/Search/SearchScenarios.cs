using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Search;

/// <summary>Small scenarios with a search section: the default scenario shrunk (its counterfactual kept), plus the given section.</summary>
internal static class SearchScenarios
{
    /// <summary>The default scenario with this population and days, only its no-codes counterfactual as variant, and this search section (YAML, indented under it).</summary>
    public static string Text(string search, int size = 1500, int days = 30)
    {
        var text = DefaultScenario.Text;
        text = text[..text.IndexOf("  - name: yellow-3-days", StringComparison.Ordinal)]
            .Replace("size: 200000", $"size: {size}", StringComparison.Ordinal)
            .Replace("days: 120", $"days: {days}", StringComparison.Ordinal);
        return text + "\nsearch:\n" + search;
    }
}
