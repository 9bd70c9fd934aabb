using Hcsim.Engine.Agents;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Phases;

/// <summary>Check-in fatigue: the probability falls by the documented curve, by days since the start or in a colour.</summary>
public sealed class CheckInFatigueTests
{
    private const int People = 4000;

    private static int CheckInsOn(SimulationState state, int day) =>
        Enumerable.Range(0, People).Count(i => state.Agents.CheckInDay[i] == AgentState.Day(day));

    private static SimulationState State() =>
        new(TinyWorlds.Households([.. Enumerable.Repeat(1, People)]), 4, ["green", "yellow", "red"], 5, new ParallelOptions { MaxDegreeOfParallelism = 1 });

    [Fact]
    public void Step_PolicyClock_HalvesTheProbabilityEachDayDownToTheFloor()
    {
        var state = State();
        var phase = new CheckInPhase(new CheckInConfig { Probability = 1, FatiguePerDay = 0.5, FatigueFloor = 0.2 }, recorded: true);
        var counts = new int[4];
        for (var day = 0; day < 4; day++)
        {
            phase.Step(state, day);
            counts[day] = CheckInsOn(state, day);
        }

        Assert.True(counts[0] == People, $"day 0: factor 1, everyone checks in, got {counts[0]}");
        Assert.True(counts[1] is > 1850 and < 2150, $"day 1: factor 0.5, about 2,000, got {counts[1]}");
        Assert.True(counts[2] is > 880 and < 1120, $"day 2: factor 0.25, about 1,000, got {counts[2]}");
        Assert.True(counts[3] is > 680 and < 920, $"day 3: factor max(0.2, 0.125) = 0.2, about 800, got {counts[3]}");
    }

    [Fact]
    public void Step_ColourClock_RestartsForPeopleWhoseColourJustChanged()
    {
        var state = State();
        for (var i = 0; i < People; i += 2)
        {
            state.Agents.ColourSinceDay[i] = AgentState.Day(3);
        }
        var phase = new CheckInPhase(new CheckInConfig { Probability = 1, FatiguePerDay = 0.5, FatigueClock = "colour" }, recorded: true);

        phase.Step(state, 3);

        var fresh = Enumerable.Range(0, People).Count(i => i % 2 == 0 && state.Agents.CheckInDay[i] == AgentState.Day(3));
        var tired = Enumerable.Range(0, People).Count(i => i % 2 == 1 && state.Agents.CheckInDay[i] == AgentState.Day(3));
        Assert.True(fresh == People / 2, $"a colour changed today: factor 1, all 2,000 check in, got {fresh}");
        Assert.True(tired is > 170 and < 330, $"3 days in the colour: factor 0.125, about 250, got {tired}");
    }
}
