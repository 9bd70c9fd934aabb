using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Errors;
using Hcsim.Engine.People;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.People;

public sealed class PeopleTableTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hcsim-people-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "people.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private static World Build(string path, int size) =>
        WorldBuilder.Build(new PopulationConfig { Size = size, FromFile = path }, seed: 3);

    [Fact]
    public void Build_PeopleTable_ReplacesTheSyntheticPopulation()
    {
        var path = Write("age,household,district,smoker,bmi\n34,7,0,1,22.5\n36,7,0,0,27\n8,7,0,0,16\n71,2,3,1,24\n");
        var world = Build(path, 4);
        Assert.Equal([34, 36, 8, 71], world.AgeYears);
        Assert.True(world.HouseholdStart.SequenceEqual([0, 3, 4]), $"households should be the runs of the household column, got [{string.Join(",", world.HouseholdStart)}]");
        Assert.True(world.Table!.District!.SequenceEqual([0, 0, 0, 3]), "the district column should be kept per person");

        var attributes = PersonAttributes.Draw(world, new Dictionary<string, AttributeConfig>
        {
            ["smoker"] = new() { ByAge = [new() { Share = 0 }] },
            ["bmi"] = new() { Kind = AttributeKinds.Number, ByAge = [new() { Distribution = "fixed", Mean = 99 }] },
        }.ToImmutableDictionary(), seed: 1);
        var smoker = attributes.Declared.Find("smoker")!.Column;
        var bmi = attributes.Declared.Find("bmi")!.Column;
        Assert.True(attributes.FlagColumn(smoker).SequenceEqual(new byte[] { 1, 0, 0, 1 }), "a table column named like a boolean attribute should give its values");
        Assert.True(attributes.NumberColumn(bmi).SequenceEqual([22.5f, 27f, 16f, 24f]), "a table column named like a number attribute should give its values");
    }

    [Fact]
    public void DistrictsFor_PeopleTableWithDistrictColumn_TakesTheColumnsDistricts()
    {
        var world = Build(Write("age,household,district\n34,7,2\n36,7,2\n8,8,0\n71,9,2\n"), 4);
        var map = Hcsim.Engine.Districts.DistrictMap.For(world, new Hcsim.Engine.Districts.DistrictsConfig { Count = 10 });
        Assert.True(map.DistrictOf.SequenceEqual([2, 2, 0, 2]), $"the districts should be the table's column, got [{string.Join(",", map.DistrictOf)}]");
        Assert.Equal(3, map.Count);
        Assert.Equal(0, map.SizeOf(1));
    }

    [Fact]
    public void DistrictsFor_PeopleTableWithoutDistrictColumn_CutsHouseholdBlocks()
    {
        var world = Build(Write("age,household\n34,7\n36,7\n8,8\n71,9\n"), 4);
        var map = Hcsim.Engine.Districts.DistrictMap.For(world, new Hcsim.Engine.Districts.DistrictsConfig { Count = 2 });
        Assert.Equal(2, map.Count);
        Assert.True(map.DistrictOf.SequenceEqual([0, 0, 1, 1]), $"two districts of whole households expected, got [{string.Join(",", map.DistrictOf)}]");
    }

    [Fact]
    public void Build_NoHouseholdColumn_EveryoneLivesAlone()
    {
        var world = Build(Write("age\n30\n40\n50\n"), 3);
        Assert.True(world.HouseholdStart.SequenceEqual([0, 1, 2, 3]), "without a household column everyone should live alone");
        Assert.Null(world.Table!.District);
    }

    public static TheoryData<string, string, int, int, int, string> BadTables => new()
    {
        { "no age", "household\n1\n", 1, 1, 1, "no column 'age'" },
        { "age out of range", "age\n30\n130\n", 2, 3, 1, "between 0 and 120" },
        { "split household", "age,household\n30,1\n31,2\n32,1\n", 3, 4, 2, "consecutive rows" },
        { "negative district", "age,district\n30,0\n31,-2\n", 2, 3, 2, "at least 0" },
        { "bad attribute number", "age,smoker\n30,yes\n", 1, 2, 2, "'yes' is not a number" },
        { "too few rows", "age\n30\n", 2, 2, 1, "has 1 rows but population.size is 2" },
        { "too many rows", "age\n30\n31\n32\n", 2, 4, 1, "more rows than population.size (2)" },
    };

    [Theory]
    [MemberData(nameof(BadTables))]
    public void Build_BadPeopleTable_RefusedWithFileLineAndColumn(string caseName, string text, int size, int line, int column, string fragment)
    {
        var path = Write(text);
        var error = Assert.Single(Assert.Throws<ScenarioValidationException>(() => Build(path, size)).Errors);
        Assert.True(error.File == path && error.Line == line && error.Column == column, $"{caseName}: the error should be at {path}:{line}:{column}, got {error}");
        Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"{caseName}: the message should contain '{fragment}', got {error}");
        Assert.Equal(PeopleTable.SettingPath, error.SettingPath);
    }

    [Fact]
    public void Draw_BooleanAttributeColumnNotZeroOrOne_RefusedAtItsLine()
    {
        var path = Write("age,smoker\n30,1\n31,2\n");
        var world = Build(path, 2);
        var attributes = new Dictionary<string, AttributeConfig> { ["smoker"] = new() { ByAge = [new() { Share = 0.5 }] } }.ToImmutableDictionary();
        var error = Assert.Single(Assert.Throws<ScenarioValidationException>(() => PersonAttributes.Draw(world, attributes, seed: 1)).Errors);
        Assert.True(error.Line == 3 && error.Column == 2 && error.Message.Contains("0 or 1", StringComparison.Ordinal), $"got {error}");
    }
}
