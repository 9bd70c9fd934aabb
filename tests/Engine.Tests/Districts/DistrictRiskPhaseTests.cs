using System.Collections.Immutable;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Districts;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;

namespace Hcsim.Engine.Tests.Districts;

/// <summary>District risk levels: up at once with the window's confirmed cases, down one level per quiet period.</summary>
public sealed class DistrictRiskPhaseTests
{
    private static readonly DistrictsConfig Config = new()
    {
        WindowDays = 5,
        QuietDays = 3,
        Levels =
        [
            new DistrictLevelConfig { Name = "low", MinCases = 0 },
            new DistrictLevelConfig { Name = "medium", MinCases = 2 },
            new DistrictLevelConfig { Name = "high", MinCases = 4 },
        ],
    };

    /// <summary>Runs the risk part alone over 10 days with the given positive results by day; returns district 0's level by day.</summary>
    private static (int[] Levels, SimulationState State) Epidemic(Dictionary<int, int[]> positivesByDay, int days = 10)
    {
        // Persons 0..9 live in district 0, 10..19 in district 1.
        var world = TinyWorlds.Households(Enumerable.Repeat(1, 20).ToArray());
        var map = DistrictMap.FromAssignment([.. Enumerable.Range(0, 20).Select(i => i / 10)]);
        var state = new SimulationState(world, days, ["green", "yellow", "red"], 1, new ParallelOptions())
        {
            Districts = new DistrictState(map, Config),
        };
        var phase = new DistrictRiskPhase(state.Districts!, state.Daily);
        var levels = new int[days];
        for (var day = 0; day < days; day++)
        {
            state.TestResults.Clear();
            foreach (var agent in positivesByDay.GetValueOrDefault(day, []))
            {
                state.TestResults.Add(new TestResultEvent(agent, true, DiseaseStage.Symptomatic));
            }
            phase.Step(state, day);
            levels[day] = state.Districts!.Level[0];
        }
        return (levels, state);
    }

    [Fact]
    public void Step_HandBuiltEpidemic_CrossesEachThresholdOnItsDayAndStepsDownAfterQuietDays()
    {
        // Day 1: 1 case; day 2: 1 more (window 2: medium); day 3: 2 more (window 4: high); day 4: person 0 again (not
        // a new case). Last case day 3: day 6 is the third quiet day, the window (days 2-6) holds 3 cases, so one step
        // down to medium; day 8's window is empty (low) but medium was reached only on day 6, so the next step is day 9.
        var (levels, state) = Epidemic(new() { [1] = [0], [2] = [1], [3] = [2, 3], [4] = [0] });

        Assert.True(levels.SequenceEqual([0, 0, 1, 2, 2, 2, 1, 1, 1, 0]), $"levels by day should be low low medium high high high medium medium medium low, got [{string.Join(", ", levels)}]");
        Assert.True(state.Districts!.Level[1] == 0, "the other district stays low");
        Assert.True(state.Districts.CasesInWindow[0] == 0, "day 9's window (days 5-9) holds no case");
        var high = state.Daily.PartColumns.Single(c => c.Name == "districts_high").Values;
        var low = state.Daily.PartColumns.Single(c => c.Name == "districts_low").Values;
        Assert.True(high.SequenceEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0]), $"districts_high counts the high district on days 3-5, got [{string.Join(", ", high)}]");
        Assert.True(low.SequenceEqual([2, 2, 1, 1, 1, 1, 1, 1, 1, 2]), $"districts_low counts both districts when both are low, got [{string.Join(", ", low)}]");
    }

    [Fact]
    public void Step_NewCaseDuringQuietPeriod_RestartsTheCount()
    {
        // High on day 3 (4 cases at once); a case on day 5 keeps the window at medium or more and restarts the quiet
        // days: the first step down is on day 8 (three quiet days after day 5), not day 6.
        var (levels, _) = Epidemic(new() { [3] = [0, 1, 2, 3], [5] = [4] });

        Assert.True(levels.SequenceEqual([0, 0, 0, 2, 2, 2, 2, 2, 1, 1]), $"levels by day, got [{string.Join(", ", levels)}]");
    }

    [Fact]
    public void Run_ResultArrivesToday_DailyRuleSeesTheNewLevelTheSameDay()
    {
        // A mass test on day 0 finds the infected person 0; the positive result arrives on day 1 and raises district 0
        // (persons 0-3) to medium before the rules run, so its green people turn yellow on day 1; district 1 stays green.
        var model = TinyWorlds.Deterministic2020(days: 2) with
        {
            Districts = new DistrictsConfig { Count = 2 },
            MassTesting = [new MassTestingRoundConfig { Kind = "pcr", Days = [0] }],
            Policy = TinyWorlds.Deterministic2020().Policy with
            {
                Rules =
                [
                    new RuleConfig { Name = "at-risk", On = "daily", Colours = ["green"], When = "district_risk == \"medium\" && district_cases == 1", Do = [new ActionConfig { SetColour = "yellow" }] },
                ],
            },
        };
        var run = TinyWorlds.Run(TinyWorlds.Households([2, 2, 2, 2]), model);
        run.State.Agents.Stage[0] = DiseaseStage.Exposed;
        run.State.Agents.NextStageDay[0] = 100;
        run.SeedInfections();
        run.RunDay(0);
        Assert.True(run.State.Agents.Colour.All(c => c == 0), "nobody is flagged before the result arrives");
        run.RunDay(1);

        Assert.True(run.State.Agents.Colour.SequenceEqual(new byte[] { 1, 1, 1, 1, 0, 0, 0, 0 }),
            $"district 0 turns yellow on the day of the result, got [{string.Join(", ", run.State.Agents.Colour)}]");
        Assert.True(run.State.Daily.PartColumns.Single(c => c.Name == "districts_medium").Values[1] == 1, "one medium district on day 1");
    }
}
