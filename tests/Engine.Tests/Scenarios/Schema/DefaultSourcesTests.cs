using Hcsim.Engine.Scenarios.Schema;

namespace Hcsim.Engine.Tests.Scenarios.Schema;

public class DefaultSourcesTests
{
    private static IEnumerable<(string Path, Setting Setting)> Rows(Setting group, string prefix)
    {
        foreach (var child in group.Children)
        {
            var path = prefix.Length == 0 ? child.Key : $"{prefix}.{child.Key}";
            yield return (path, child);
            var inner = child.Kind switch
            {
                SettingKind.Group => (child, path),
                SettingKind.List when child.Element!.Kind == SettingKind.Group => (child.Element, $"{path}[]"),
                SettingKind.Map when child.Element!.Kind == SettingKind.Group => (child.Element, $"{path}.NAME"),
                _ => ((Setting?)null, ""),
            };
            if (inner.Item1 is { } setting)
            {
                foreach (var row in Rows(setting, inner.Item2))
                {
                    yield return row;
                }
            }
        }
    }

    [Fact]
    public void ByPath_EveryInputSetting_HasASourceOrAnAssumption()
    {
        var inputs = Rows(ScenarioSchema.Model, "").Where(r => DefaultSources.IsInput(r.Path, r.Setting)).Select(r => r.Path).ToList();

        Assert.True(inputs.Count > 50, $"the input groups should hold many settings, found {inputs.Count}");
        var missing = inputs.Where(p => !DefaultSources.ByPath.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0, $"every input's default should have a source or 'assumption' in DefaultSources; missing: {string.Join(", ", missing)}");
        var stale = DefaultSources.ByPath.Keys.Where(p => !inputs.Contains(p)).ToList();
        Assert.True(stale.Count == 0, $"every DefaultSources entry should name an input setting of the schema; stale: {string.Join(", ", stale)}");
        Assert.All(DefaultSources.ByPath.Values, source => Assert.True(source.Length > 0, "a source should not be empty"));
    }

    [Fact]
    public void SourcesTable_DiseaseInputs_CiteTheirPaper()
    {
        var table = SchemaMarkdown.SourcesTable();

        Assert.Contains("| `disease.asymptomatic_share` | 0.3 | about 31 % of infections stay asymptomatic (Buitrago-Garcia et al. 2020", table, StringComparison.Ordinal);
        Assert.DoesNotContain("**missing**", table, StringComparison.Ordinal);
    }
}
