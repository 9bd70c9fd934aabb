using Hcsim.Engine.Agents;
using Hcsim.Engine.Districts;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Districts;

/// <summary>Where people live: districts as contiguous blocks of whole households, or a given district per person.</summary>
public sealed class DistrictMapTests
{
    private static int[] Starts(params int[] sizes)
    {
        var starts = new int[sizes.Length + 1];
        for (var h = 0; h < sizes.Length; h++)
        {
            starts[h + 1] = starts[h] + sizes[h];
        }
        return starts;
    }

    [Fact]
    public void FromHouseholds_EqualSizes_CutsContiguousBlocksOfWholeHouseholds()
    {
        // 12 people in households 2,3,1,2,2,2: targets 4, 8, 12 people; a household goes where its first member falls.
        var map = DistrictMap.FromHouseholds(Starts(2, 3, 1, 2, 2, 2), 3, 0);

        Assert.True(map.DistrictOf.SequenceEqual([0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2]),
            $"households (0-1), (2-4) in district 0, (5), (6-7) in 1, (8-9), (10-11) in 2; got [{string.Join(", ", map.DistrictOf)}]");
        Assert.True(map.MembersOf(1).ToArray().SequenceEqual([5, 6, 7]), "district 1 lists its members in index order");
    }

    [Fact]
    public void FromHouseholds_WideSpread_GivesEveryDistrictAHouseholdAndUnequalSizes()
    {
        var starts = Starts(Enumerable.Repeat(1, 1000).ToArray());
        var map = DistrictMap.FromHouseholds(starts, 20, 1.0);

        var sizes = Enumerable.Range(0, 20).Select(map.SizeOf).ToArray();
        Assert.True(sizes.All(s => s >= 1), $"every district should get at least one household, got [{string.Join(", ", sizes)}]");
        Assert.True(sizes.Sum() == 1000, "every person lives in one district");
        Assert.True(sizes.Max() > 2 * sizes.Min(), $"a coefficient of variation of 1 should give unequal sizes, got [{string.Join(", ", sizes)}]");
        var again = DistrictMap.FromHouseholds(starts, 20, 1.0);
        Assert.True(again.DistrictOf.SequenceEqual(map.DistrictOf), "the sizes are a pure function of count and spread");
    }

    [Fact]
    public void FromHouseholds_MoreDistrictsThanHouseholds_LeavesTheLastOnesEmpty()
    {
        var map = DistrictMap.FromHouseholds(Starts(2, 2), 3, 0);

        Assert.True(map.DistrictOf.SequenceEqual([0, 0, 1, 1]) && map.SizeOf(2) == 0, $"two households fill two districts, got [{string.Join(", ", map.DistrictOf)}]");
    }

    [Fact]
    public void FromAssignment_GivenDistricts_KeepsThemAndListsMembers()
    {
        var map = DistrictMap.FromAssignment([1, 0, 1, 2]);

        Assert.True(map.Count == 3, "three districts, 0..2");
        Assert.True(map.MembersOf(1).ToArray().SequenceEqual([0, 2]), "district 1 holds persons 0 and 2");
    }

    [Fact]
    public void FromAssignment_NegativeDistrict_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => DistrictMap.FromAssignment([0, -1], 2));

        Assert.Contains("person 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountFor_PeoplePerDistrict_RoundsThePopulationOverIt()
    {
        Assert.True(new DistrictsConfig { PeoplePerDistrict = 300 }.CountFor(1000) == 3, "1000 / 300 rounds to 3 districts");
        Assert.True(new DistrictsConfig { PeoplePerDistrict = 5000 }.CountFor(1000) == 1, "at least one district");
        Assert.True(new DistrictsConfig { Count = 7 }.CountFor(1000) == 7, "count when people_per_district is 0");
    }

    [Fact]
    public void Run_DailyRuleOnDistrictFact_FlagsExactlyThatDistrict()
    {
        var world = TinyWorlds.Households([2, 2, 2, 2]);
        var model = TinyWorlds.Deterministic2020(days: 1) with
        {
            Districts = new DistrictsConfig { Count = 2 },
            Policy = TinyWorlds.Deterministic2020().Policy with
            {
                Rules = [new RuleConfig { Name = "district-one", On = "daily", When = "district == 1", Do = [new ActionConfig { SetColour = "yellow" }] }],
            },
        };
        var run = TinyWorlds.Run(world, model);
        run.SeedInfections();
        run.RunDay(0);

        Assert.True(run.State.Agents.Colour.SequenceEqual(new byte[] { 0, 0, 0, 0, 1, 1, 1, 1 }),
            $"the four people of district 1 (the last two households) turn yellow, got [{string.Join(", ", run.State.Agents.Colour)}]");
    }

    [Fact]
    public void MemoryEstimate_WithDistricts_CountsTheMapPerRun()
    {
        var without = ScenarioLoader.LoadDefault(["population.size=100000", "replicates=1"]);
        var with = ScenarioLoader.LoadDefault(["population.size=100000", "replicates=1", "districts.count=10"]);

        var extra = Hcsim.Engine.Simulation.MemoryEstimate.For(with, 1).RunBytes - Hcsim.Engine.Simulation.MemoryEstimate.For(without, 1).RunBytes;
        Assert.True(extra == 100_000 * Hcsim.Engine.Simulation.MemoryEstimate.DistrictBytesPerPerson, $"a run holds its district map, 8 bytes a person; got {extra} more bytes");
    }
}
