using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Districts;
using Hcsim.Engine.Rules;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;
using Hcsim.Engine.Tests.Scenarios;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Districts;

/// <summary>Actions that reach the person's household or district: once per group per day, for every living member.</summary>
public sealed class GroupActionsTests
{
    private static ModelConfig WithRule(ModelConfig model, ActionConfig action, string when = "true", string on = "daily") => model with
    {
        Policy = model.Policy with { Rules = [new RuleConfig { Name = "group", On = on, When = when, Do = [action] }] },
    };

    [Fact]
    public void Apply_SeveralMembersTriggerIsolateHousehold_AppliesOncePerHouseholdPerDay()
    {
        var world = Households([3, 2]);
        var model = WithRule(Deterministic2020(), new ActionConfig { IsolateHousehold = new GroupIsolationConfig { Days = NumberOrParameter.Of(5) } });
        var state = new SimulationState(world, 10, ["green", "yellow", "red"], 1, new ParallelOptions());
        var actions = new RuleActions(SimulationRun.CompilePolicy(model), new TestLab(TestLab.KindsOf(model)));

        actions.Apply(state, [new(0, 0, 0), new(1, 0, 0), new(2, 0, 0), new(3, 0, 0)], 0);
        Assert.True(actions.Groups.Applied(ActionKind.IsolateHousehold) == 2, "three members of one household and one of the other: two households, once each");
        actions.Apply(state, [new(4, 0, 0)], 0);
        Assert.True(actions.Groups.Applied(ActionKind.IsolateHousehold) == 2, "a later round of the same day does not apply it to the household again");
        actions.Apply(state, [new(0, 0, 0)], 1);
        Assert.True(actions.Groups.Applied(ActionKind.IsolateHousehold) == 3, "the next day it applies again");

        for (var person = 0; person < 5; person++)
        {
            Assert.True(state.Agents.ConfinementOn(person, 1) == ConfinementKind.Home, $"person {person} is confined at home from day 1");
        }
        Assert.True(state.Agents.ConfinementOn(4, 6) == ConfinementKind.None, "the second household's 5 days end after day 5");
        Assert.True(state.Agents.ConfinementOn(0, 6) == ConfinementKind.Home && state.Agents.ConfinementOn(0, 7) == ConfinementKind.None,
            "the first household's isolation, applied again on day 1, is extended to day 6 (the later end wins)");
    }

    [Fact]
    public void Run_TestDistrictTriggeredByEveryMember_OrdersOneTestPerLivingMemberOnce()
    {
        var model = WithRule(Deterministic2020(days: 1) with { Districts = new DistrictsConfig { Count = 2 } },
            new ActionConfig { TestDistrict = "pcr" }, when: "district == 0");
        var run = Run(Households([2, 2, 2, 2]), model);
        run.State.Agents.Stage[1] = DiseaseStage.Dead;
        run.SeedInfections();
        run.RunDay(0);

        var pending = Enumerable.Range(0, 8).Select(i => run.State.Agents.PendingTestResultDay[i] != AgentState.Never).ToArray();
        Assert.True(pending.SequenceEqual([true, false, true, true, false, false, false, false]),
            $"the living members of district 0 (persons 0, 2, 3) are tested, the dead one and district 1 are not; got [{string.Join(", ", pending)}]");
        Assert.True(run.State.Daily.Columns().Single(c => c.Name == "tests").Values[0] == 0 && run.State.Records.Tests == 3,
            $"three samples are taken, one per living member, though three members triggered the action; got {run.State.Records.Tests}");
    }

    [Fact]
    public void Run_IsolateDistrict_ConfinesTheWholeDistrictForItsDays()
    {
        var model = WithRule(Deterministic2020(days: 5) with { Districts = new DistrictsConfig { Count = 2 } },
            new ActionConfig { IsolateDistrict = new GroupIsolationConfig { Where = "central", Days = NumberOrParameter.Of(3) } }, when: "day == 0 && district == 1");
        var run = Run(Households([2, 2, 2, 2]), model);
        run.SeedInfections();
        for (var day = 0; day < 5; day++)
        {
            run.RunDay(day);
        }

        var central = run.State.Daily.QuarantinedCentral;
        Assert.True(central.SequenceEqual([4, 4, 4, 0, 0]), $"district 1's four people are isolated on days 1-3 (counted at the end of day 0, when decided), got [{string.Join(", ", central)}]");
        Assert.True(run.State.Agents.ConfinementOn(0, 1) == ConfinementKind.None, "district 0 stays free");
    }

    [Fact]
    public void Run_WithDistrictsAndGroupActions_IsTheSameOnOneAndFourThreads()
    {
        var population = new PopulationConfig { Size = 40_000 };
        var world = WorldBuilder.Build(population, 3);
        var baseline = ScenarioLoader.LoadDefault([]).Variants[0].Model;
        var model = baseline with
        {
            Days = 40,
            Population = population,
            Disease = baseline.Disease with { InitialInfected = 60 },
            Districts = new DistrictsConfig { Count = 20, SizeCv = 0.5, Levels = [new() { Name = "low" }, new() { Name = "medium", MinCases = 1 }, new() { Name = "high", MinCases = 4 }] },
            Policy = baseline.Policy with
            {
                Rules =
                [
                    .. baseline.Policy.Rules,
                    new RuleConfig { Name = "positive-household", On = "test_result", When = "test_positive", Do = [new() { IsolateHousehold = new GroupIsolationConfig { Days = NumberOrParameter.Of(7) } }, new() { TestHousehold = "pcr" }] },
                    new RuleConfig { Name = "medium-district", On = "daily", Colours = ["green"], When = "district_risk == \"medium\" && day % 7 == 0", Do = [new() { TestDistrict = "pcr" }] },
                    new RuleConfig { Name = "high-district", On = "daily", Colours = ["green"], When = "district_risk_level >= 2", Do = [new() { IsolateDistrict = new GroupIsolationConfig { Days = NumberOrParameter.Of(3) } }] },
                ],
            },
        };
        var one = Run(world, model, seed: 11, threads: 1).Run("v", 0, 0);
        var four = Run(world, model, seed: 11, threads: 4).Run("v", 0, 0);

        var columnsOne = one.Daily.Columns();
        var columnsFour = four.Daily.Columns();
        Assert.True(columnsOne.Single(c => c.Name == "districts_high").Values.Sum() > 0, "the epidemic should raise some district to high, so every group action runs");
        for (var c = 0; c < columnsOne.Count; c++)
        {
            Assert.True(columnsOne[c].Values.SequenceEqual(columnsFour[c].Values), $"column {columnsOne[c].Name} should be identical on 1 and 4 threads");
        }
        Assert.Equal(one.Summary, four.Summary);
    }

    [Theory]
    [InlineData("test_district: pcr", "policy.rules[0].do[0].test_district", "needs districts")]
    [InlineData("isolate_district: {where: home}", "policy.rules[0].do[0].isolate_district", "needs its length")]
    [InlineData("test_household: antigen", "policy.rules[0].do[0].test_household", "unknown test kind 'antigen'")]
    [InlineData("isolate_household: {where: hotel}", "policy.rules[0].do[0].isolate_household.where", "unknown")]
    [InlineData("isolate_household: {days: long_days}", "policy.rules[0].do[0].isolate_household.days", "long_days")]
    public void Load_BadGroupAction_ReportsPathAndMessage(string action, string path, string fragment)
    {
        var text = $"""
            name: broken
            policy:
              colours: [green, yellow]
              rules:
                - name: r1
                  on: daily
                  do:
                    - {action}
            """;

        var errors = ScenarioLoaderTests.Errors(() => ScenarioLoader.Load(text, "scenarios/groups.yaml", []));

        Assert.True(errors.Any(e => e.SettingPath == path && e.Message.Contains(fragment, StringComparison.Ordinal) && e.Line == 8),
            $"an error at {path} on line 8 containing '{fragment}', got [{string.Join("; ", errors)}]");
    }
}
