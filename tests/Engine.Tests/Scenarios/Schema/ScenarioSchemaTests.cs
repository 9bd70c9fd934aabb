using System.Globalization;
using System.Reflection;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Scenarios.Schema;

namespace Hcsim.Engine.Tests.Scenarios.Schema;

public sealed class ScenarioSchemaTests
{
    [Fact]
    public void Model_EveryRecordProperty_IsASetting()
    {
        var groups = ScenarioSchema.Walk(ScenarioSchema.Model).Where(s => s.Kind == SettingKind.Group).ToList();
        foreach (var type in groups.Select(g => g.ClrType).Distinct())
        {
            var keys = groups.Where(g => g.ClrType == type).SelectMany(g => g.Keys).ToHashSet(StringComparer.Ordinal);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            {
                Assert.True(keys.Contains(SettingNames.ToSnakeCase(property.Name)),
                    $"{type.Name}.{property.Name} should have a line in ScenarioSchema, or a scenario file cannot set it");
            }
        }
    }

    [Fact]
    public void Model_Defaults_AreTheRecordDefaultsAtEachPath()
    {
        var latent = ScenarioSchema.Find(ScenarioSchema.Model, ["disease", "latent_days", "mean_days"])!;
        var work = ScenarioSchema.Find(ScenarioSchema.Model, ["layers", "work", "contacts_per_day"])!;
        var sensitivity = ScenarioSchema.Find(ScenarioSchema.Model, ["tests", "anything", "sensitivity"])!;

        Assert.True(latent.Default is 3.0, $"the default latent mean should be the 3 days of DiseaseConfig, got {latent.Default}");
        Assert.True(work.Default is 6.0, $"the default work contacts should be the 6 of LayersConfig, got {work.Default}");
        Assert.True(sensitivity.Default is 0.9, $"a test kind's default sensitivity should be TestKindConfig's 0.9, got {sensitivity.Default}");
    }

    [Fact]
    public void Load_PartlyWrittenGroup_KeepsTheDefaultsOfKeysLeftOut()
    {
        var scenario = ScenarioLoader.Load("name: partial\ndisease:\n  latent_days: {distribution: fixed}\n", "partial.yaml", ["layers.work.beta=0.05"]);

        var model = scenario.Variants[0].Model;
        Assert.True(model.Layers.Work.ContactsPerDay == 6, $"setting only the work beta should keep 6 work contacts per day, got {model.Layers.Work.ContactsPerDay}");
        Assert.True(model.Layers.Work.Beta == 0.05, "the work beta should be the one set");
        Assert.True(model.Disease.LatentDays.MeanDays == 3, $"a fixed latent duration should keep the 3-day mean, got {model.Disease.LatentDays.MeanDays}");
    }

    [Fact]
    public void Load_SetHouseholdContactsPerDay_IsAnUnknownSetting()
    {
        var error = Assert.Single(Errors(() => ScenarioLoader.LoadDefault(["layers.household.contacts_per_day=3"])));

        Assert.True(error.SettingPath == "layers.household.contacts_per_day", $"the error should name the override's path, got {error}");
        Assert.Contains("household members all meet every day", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tests.pcr.turnaround_days=0", "tests.pcr.turnaround_days")]
    [InlineData("population.community.mean_degree=11", "population.community.mean_degree")]
    public void Load_SilentSetting_IsRefused(string setting, string path)
    {
        var error = Assert.Single(Errors(() => ScenarioLoader.LoadDefault([setting])));

        Assert.True(error.SettingPath == path, $"'{setting}' should be refused at {path}, got {error}");
    }

    [Theory]
    [InlineData("tests.pcr.turnaround_days=1")]
    [InlineData("population.community.mean_degree=12")]
    [InlineData("population.community.mean_degree=0")]
    public void Load_ValueAtTheEdgeOfItsRange_IsAccepted(string setting)
    {
        var scenario = ScenarioLoader.LoadDefault([setting]);

        Assert.True(scenario.Variants.Length > 1, $"'{setting}' should load");
    }

    public static TheoryData<string> BoundedPaths()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in Leaves(ScenarioSchema.Model, ""))
        {
            data.Add(path);
        }
        return data;
    }

    /// <summary>The loader and the schema agree on every range a --set can reach: just outside is refused, the bound itself is not.</summary>
    [Theory]
    [MemberData(nameof(BoundedPaths))]
    public void Load_ValueJustOutsideTheSchemaRange_IsRefusedAtItsPath(string path)
    {
        var setting = Leaves(ScenarioSchema.Model, "").Single(l => l.Path == path).Setting;
        var step = setting.Kind == SettingKind.Integer ? 1 : 0.5;
        if (setting.Minimum is { } minimum)
        {
            var below = setting.MinimumExclusive ? minimum : minimum - step;
            Assert.True(PathsInError($"{path}={Format(below)}").Contains(path), $"{path} = {Format(below)} should be refused (minimum {Format(minimum)})");
            if (!setting.MinimumExclusive)
            {
                Assert.False(RangeErrorAt(path, minimum), $"{path} = {Format(minimum)} should pass the range check (the minimum)");
            }
        }
        if (setting.Maximum is { } maximum)
        {
            Assert.True(PathsInError($"{path}={Format(maximum + step)}").Contains(path), $"{path} = {Format(maximum + step)} should be refused (maximum {Format(maximum)})");
            Assert.False(RangeErrorAt(path, maximum), $"{path} = {Format(maximum)} should pass the range check (the maximum)");
        }
    }

    private static HashSet<string> PathsInError(string setting) => [.. ErrorsOf(setting).Select(e => e.SettingPath)];

    /// <summary>
    /// True when the value is refused for its range. A bound may still break a relation with another setting (a
    /// max_age of 0 below the min_age, a gamma sd of 0): that is another check, with another message.
    /// </summary>
    private static bool RangeErrorAt(string path, double value) =>
        ErrorsOf($"{path}={Format(value)}").Any(e => e.SettingPath == path
            && (e.Message.StartsWith("must be between", StringComparison.Ordinal)
                || e.Message.StartsWith("must be a probability", StringComparison.Ordinal)
                || e.Message.StartsWith($"must be at least {Format(value)},", StringComparison.Ordinal)
                || e.Message.StartsWith("must be at most", StringComparison.Ordinal)));

    private static IReadOnlyList<ScenarioError> ErrorsOf(string setting)
    {
        try
        {
            ScenarioLoader.LoadDefault([setting]);
            return [];
        }
        catch (ScenarioValidationException e)
        {
            return e.Errors;
        }
    }

    /// <summary>Numeric settings with a range that a --set path reaches (through groups and test kinds, not into lists).</summary>
    private static IEnumerable<(string Path, Setting Setting)> Leaves(Setting group, string prefix)
    {
        foreach (var child in group.Children)
        {
            var path = prefix.Length == 0 ? child.Key : $"{prefix}.{child.Key}";
            if (child.Kind is SettingKind.Integer or SettingKind.Number && (child.Minimum is not null || child.Maximum is not null))
            {
                yield return (path, child);
            }
            else if (child.Kind == SettingKind.Group)
            {
                foreach (var leaf in Leaves(child, path))
                {
                    yield return leaf;
                }
            }
            else if (child.Kind == SettingKind.Map && child.Element!.Kind == SettingKind.Group)
            {
                foreach (var leaf in Leaves(child.Element, $"{path}.pcr"))
                {
                    yield return leaf;
                }
            }
        }
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyList<ScenarioError> Errors(Action load) => Assert.Throws<ScenarioValidationException>(load).Errors;
}
