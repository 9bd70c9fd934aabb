namespace Hcsim.Engine.Tests.Search;

/// <summary>Small scenarios with a search section: the default scenario shrunk (its counterfactual kept), plus the given section.</summary>
internal static class SearchScenarios
{
    /// <summary>The default scenario with this population and days, only its no-codes counterfactual as variant, and this search section (YAML, indented under it).</summary>
    public static string Text(string search, int size = 1500, int days = 30) =>
        ShrunkDefaultScenario.With("  - name: yellow-3-days", size, days, "search", search);
}
