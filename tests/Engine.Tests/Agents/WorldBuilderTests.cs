using Hcsim.Engine.Agents;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Agents;

public class WorldBuilderTests
{
    private static readonly World Built = WorldBuilder.Build(new PopulationConfig { Size = 20_000 }, 4);

    [Fact]
    public void Build_Households_CoverEveryoneInContiguousRangesWithAnAdultFirst()
    {
        Assert.Equal(20_000, Built.Size);
        Assert.Equal(0, Built.HouseholdStart[0]);
        Assert.Equal(20_000, Built.HouseholdStart[^1]);
        for (var h = 0; h < Built.HouseholdCount; h++)
        {
            Assert.True(Built.HouseholdStart[h + 1] > Built.HouseholdStart[h], "households are non-empty");
            Assert.True(Built.AgeYears[Built.HouseholdStart[h]] >= 20, "the first member of a household is an adult");
        }
        // Mean household size of the default shares: 1(.25)+2(.30)+3(.21)+4(.13)+5(.07)+6(.04) = 2.57.
        Assert.InRange((double)Built.Size / Built.HouseholdCount, 2.45, 2.7);
    }

    [Fact]
    public void Build_CommunityGraph_IsSymmetricWithoutSelfOrHouseholdEdges()
    {
        for (var a = 0; a < Built.Size; a += 7)
        {
            foreach (var b in Built.CommunityOf(a))
            {
                Assert.True(b != a, "no self loops");
                Assert.True(Built.CommunityOf(b).Contains(a), $"edge {a}-{b} should be symmetric");
                if (Built.HouseholdOf[b] == Built.HouseholdOf[a])
                {
                    Assert.Contains(b, Built.Community.ExtraOf(a).ToArray()); // only a rewired edge can land at home
                }
            }
        }
        // Ring of 10 minus same-household pairs (about 1.5 per person) at rewiring 0.1; measured mean degree ~8.5.
        Assert.InRange(Built.Community.MeanDegree, 7.5, 10);
    }

    [Fact]
    public void Build_GroupLayers_RespectAgesAndSizes()
    {
        var config = new PopulationConfig();
        for (var i = 0; i < Built.Size; i++)
        {
            if (Built.Work.GroupOf[i] >= 0)
            {
                Assert.InRange(Built.AgeYears[i], config.Workplaces.MinAge, config.Workplaces.MaxAge);
            }
            if (Built.School.GroupOf[i] >= 0)
            {
                Assert.InRange(Built.AgeYears[i], config.Schools.MinAge, config.Schools.MaxAge);
            }
        }
        for (var g = 0; g < Built.Work.GroupCount; g++)
        {
            Assert.InRange(Built.Work.MembersOf(g).Length, 1, config.Workplaces.MaxSize);
        }
        for (var g = 0; g < Built.School.GroupCount; g++)
        {
            Assert.InRange(Built.School.MembersOf(g).Length, 1, config.Schools.ClassSize);
        }
    }
}
