using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Testing;

/// <summary>"Green needs a negative test within N days": the facts last_negative_age and last_sample_age.</summary>
public sealed class TimeLimitedGreenTests
{
    /// <summary>Two people in one household: person 0 aged 30, person 1 aged 70 (never tested by <see cref="Policy"/>).</summary>
    private static World TwoPeople() => World.FromParts([30, 70], [2], [-1, -1], [-1, -1], []);

    private static RuleConfig Rule(string name, string on, string when, string[] colours, params ActionConfig[] actions) =>
        new() { Name = name, On = on, When = when, Colours = [.. colours], Do = [.. actions] };

    /// <summary>
    /// Under-60s are tested on day 0 (perfect PCR, result on day 1); green expires without a negative result within
    /// <c>valid_days</c>; a negative result releases yellow; <paramref name="extra"/> rules come last.
    /// </summary>
    private static ModelConfig Policy(params RuleConfig[] extra) => Deterministic2020(days: 10) with
    {
        Policy = new PolicyConfig
        {
            Params = ImmutableDictionary<string, double>.Empty.Add("valid_days", 3),
            Rules =
            [
                Rule("test_young", "daily", "day == 0 && age < 60", [], new ActionConfig { Test = "pcr" }),
                Rule("expired", "daily", "last_negative_age > valid_days", ["green"], new ActionConfig { SetColour = "yellow" }),
                Rule("negative_releases", "test_result", "!test_positive", ["yellow"], new ActionConfig { Release = "" }),
                .. extra,
            ],
        },
    };

    [Fact]
    public void DailyRule_NegativeOlderThanValidDays_TurnsGreenYellowOnTheRightDay()
    {
        var run = Run(TwoPeople(), Policy());
        var agents = run.State.Agents;
        var colours = new List<(byte Tested, byte Untested)>();
        run.SeedInfections();
        for (var day = 0; day < 7; day++)
        {
            run.RunDay(day);
            colours.Add((agents.Colour[0], agents.Colour[1]));
        }

        Assert.True(colours.All(c => c.Untested == Yellow), "someone never tested should be yellow from day 0 on");
        Assert.True(colours[0].Tested == Yellow, "on day 0 nobody has a negative result yet, so green expires at once");
        Assert.True(colours[1].Tested == Green, "the negative result arriving on day 1 should release yellow the same day");
        for (var day = 2; day <= 4; day++)
        {
            Assert.True(colours[day].Tested == Green, $"a negative result 1 to 3 days old keeps the code green (day {day})");
        }
        Assert.True(colours[5].Tested == Yellow, "on day 5 the negative result is 4 days old, more than valid_days = 3: yellow");
        Assert.True(colours[6].Tested == Yellow, "without a new test the code stays yellow");
    }

    [Fact]
    public void TestResultRule_PositiveResult_DoesNotRelease()
    {
        var run = Run(TwoPeople(), Policy());
        run.State.Agents.Stage[0] = DiseaseStage.Exposed;
        run.State.Agents.NextStageDay[0] = 100;
        run.SeedInfections();
        run.RunDay(0);
        run.RunDay(1);

        Assert.True(run.State.Agents.LastTest[0] == TestOutcome.Positive, "an exposed person's perfect PCR should be positive");
        Assert.True(run.State.Agents.Colour[0] == Yellow, "only a negative result releases yellow");
    }

    [Fact]
    public void LastSampleAge_CountsDaysSinceTheSampleWasTaken()
    {
        // Samples are taken after the rules: the sample of day 0 is 1 day old on day 1, 3 days old on day 3.
        var run = Run(TwoPeople(), Policy(Rule("sampled_3_days_ago", "daily", "last_sample_age == 3", [], new ActionConfig { SetColour = "red" })));
        var agents = run.State.Agents;
        run.SeedInfections();
        for (var day = 0; day < 3; day++)
        {
            run.RunDay(day);
        }
        Assert.True(agents.Colour[0] != Red, "before day 3 the sample is younger than 3 days");
        run.RunDay(3);

        Assert.True(agents.Colour[0] == Red, "the day-0 sample is 3 days old on day 3");
        Assert.True(agents.Colour[1] == Yellow, "someone never sampled has last_sample_age 100000, never 3");
    }

    [Fact]
    public void SimulationRun_NoRuleReadsTestHistory_KeepsNoColumns()
    {
        Assert.Null(Run(TwoPeople(), Deterministic2020()).State.TestHistory);
        Assert.NotNull(Run(TwoPeople(), Policy()).State.TestHistory);
    }
}
