using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Phases;

/// <summary>The 2020 rules as shipped in the default scenario, one by one, on tiny deterministic populations.</summary>
public class HealthCodeRulesTests
{
    [Fact]
    public void FeverReport_AtCheckIn_SetsRedIsolatesCentrallyAndOrdersPcr()
    {
        var run = Run(Households([3]), Deterministic2020());
        var agents = run.State.Agents;
        agents.FeverEndDay[0] = 1;

        run.SeedInfections();
        run.RunDay(0);

        Assert.True(agents.Colour[0] == Red, "a fever report should turn the code red the same day");
        Assert.True(agents.ConfinementOn(0, 1) == ConfinementKind.Central, "a fever report should start central isolation tomorrow");
        Assert.True(agents.PendingTestResultDay[0] == 1, "a PCR sampled on day 0 with a 1-day turnaround should report on day 1");
        Assert.True(agents.Colour[1] == Green && agents.Colour[2] == Green, "household members stay green without a positive test");
        Assert.Equal(1, run.State.Daily.NewColour[Red][0]);
        Assert.Equal(1, run.State.Daily.QuarantinedCentral[0]);
    }

    [Fact]
    public void NegativeTest_AfterFever_KeepsRedAndTracesNobody()
    {
        var run = Run(Households([3]), Deterministic2020());
        run.State.Agents.FeverEndDay[0] = 1;
        run.SeedInfections();
        for (var day = 0; day < 4; day++)
        {
            run.RunDay(day);
        }

        var agents = run.State.Agents;
        Assert.True(agents.LastTest[0] == TestOutcome.Negative, "an uninfected person's perfect PCR should be negative");
        Assert.True(agents.Colour[0] == Red, "a negative test does not release a red code; only the healthy streak does");
        Assert.True(agents.Colour[1] == Green && agents.Colour[2] == Green, "a negative test traces nobody");
    }

    [Fact]
    public void PositiveTest_TracesHousehold_ContactsTurnYellowInHomeQuarantine()
    {
        var run = Run(Households([3, 2]), Deterministic2020());
        var agents = run.State.Agents;
        MakeSymptomatic(agents, 0, untilDay: 30);

        run.SeedInfections();
        run.RunDay(0); // fever report: red, central isolation, PCR sampled
        run.RunDay(1); // positive result: trace household contacts of days 0..1 (delay 1 day)
        Assert.True(agents.Colour[1] == Green, "traced contacts are reached after the 1-day tracing delay, not at once");
        run.RunDay(2);

        Assert.True(agents.LastTest[0] == TestOutcome.Positive, "an infected person's perfect PCR should be positive");
        Assert.True(agents.Colour[1] == Yellow && agents.Colour[2] == Yellow, "household contacts of a positive case should turn yellow");
        Assert.True(agents.ConfinementOn(1, 3) == ConfinementKind.Home, "a traced contact should be in home quarantine");
        Assert.True(agents.Colour[3] == Green && agents.Colour[4] == Green, "another household is not a contact");
        Assert.Equal(2, run.State.Daily.NewColour[Yellow][2]);
    }

    [Fact]
    public void PositiveTest_TracesWorkContactsOnlyFromDaysTheCaseWasFree()
    {
        // Two households, one shared workplace where everybody meets everybody (100 contacts a day).
        var run = Run(Households([1, 2], sharedWorkplace: true), Deterministic2020());
        var agents = run.State.Agents;
        MakeSymptomatic(agents, 0, untilDay: 30);
        run.SeedInfections();
        for (var day = 0; day < 3; day++)
        {
            run.RunDay(day);
        }

        Assert.True(agents.Colour[1] == Yellow && agents.Colour[2] == Yellow, "coworkers met on day 0, before isolation, should be traced");
    }

    [Fact]
    public void Red_After14HealthyCheckIns_TurnsGreenAndLeavesIsolation()
    {
        var run = Run(Households([1]), Deterministic2020());
        var agents = run.State.Agents;
        agents.FeverEndDay[0] = 1;
        run.SeedInfections();
        for (var day = 0; day <= 13; day++)
        {
            run.RunDay(day);
        }
        Assert.True(agents.Colour[0] == Red, "13 healthy check-ins are not enough to leave red");

        run.RunDay(14);

        Assert.True(agents.Colour[0] == Green, "the 14th consecutive healthy check-in should turn red to green");
        Assert.True(agents.ConfinementOn(0, 15) == ConfinementKind.None, "release ends central isolation");
        var central = run.State.Daily.QuarantinedCentral;
        Assert.True(central.Take(14).All(c => c == 1) && central[14] == 0, "isolated at the end of days 0-13, released at the end of day 14");
    }

    [Fact]
    public void Yellow_After7HealthyCheckIns_TurnsGreen()
    {
        var run = Run(Households([2]), Deterministic2020());
        var agents = run.State.Agents;
        MakeSymptomatic(agents, 0, untilDay: 40);
        run.SeedInfections();
        for (var day = 0; day <= 8; day++)
        {
            run.RunDay(day);
        }
        Assert.True(agents.Colour[1] == Yellow, "the contact turned yellow on day 2 and has 6 healthy check-ins by day 8");

        run.RunDay(9);

        Assert.True(agents.Colour[1] == Green, "the 7th healthy check-in after turning yellow should turn it green");
        Assert.True(agents.ConfinementOn(1, 10) == ConfinementKind.None, "release ends home quarantine");
    }

    [Fact]
    public void SetColour_OnARedPerson_NeverLowersAndKeepsTheStricterConfinement()
    {
        // Agent 1 reports fever on day 0 (red, central); agent 0 is a case whose positive test traces agent 1 on day 2.
        var run = Run(Households([2]), Deterministic2020());
        var agents = run.State.Agents;
        MakeSymptomatic(agents, 0, untilDay: 40);
        agents.FeverEndDay[1] = 1;
        run.SeedInfections();
        for (var day = 0; day <= 2; day++)
        {
            run.RunDay(day);
        }

        Assert.True(agents.Colour[1] == Red, "a red person traced as a contact should stay red (set_colour never lowers)");
        Assert.True(agents.ConfinementOn(1, 3) == ConfinementKind.Central, "home quarantine requested during central isolation keeps the stricter kind");
    }

    [Fact]
    public void HealthyStreak_MissedCheckIn_ResetsToZero()
    {
        var model = Deterministic2020(days: 60) with { Checkin = new() { Probability = 0.5, FeverReportProbability = 1 } };
        var run = Run(Households([50]), model);
        var agents = run.State.Agents;
        run.SeedInfections();
        var previous = new int[50];
        var resets = 0;
        for (var day = 0; day < 60; day++)
        {
            run.RunDay(day);
            for (var i = 0; i < 50; i++)
            {
                var expected = agents.CheckInDay[i] == day ? previous[i] + 1 : 0;
                Assert.True(expected == agents.HealthyStreak[i], $"day {day}, agent {i}: the streak should count consecutive check-ins and drop to 0 on a miss");
                resets += expected == 0 && previous[i] > 0 ? 1 : 0;
                previous[i] = agents.HealthyStreak[i];
            }
        }
        Assert.True(resets > 100, "with a 50 % check-in rate, many streaks should have been broken");
    }

    [Fact]
    public void RedRelease_WithMissedCheckIns_TakesLongerThan14Days()
    {
        // Reds are centrally isolated; their staff checks must miss as often as the app check-ins for this test.
        var model = Deterministic2020(days: 120) with { Checkin = new() { Probability = 0.8, FeverReportProbability = 1, CentralCheckProbability = 0.8 } };
        var run = Run(Households([200]), model);
        var agents = run.State.Agents;
        for (var i = 0; i < 200; i++)
        {
            agents.FeverEndDay[i] = 1;
        }
        run.SeedInfections();
        for (var day = 0; day < 30; day++)
        {
            run.RunDay(day);
        }
        var reported = Enumerable.Range(0, 200).Count(i => agents.FeverReportDay[i] == 0);
        var stillRed = Enumerable.Range(0, 200).Count(i => agents.Colour[i] == Red);
        // P(14 check-ins in a row within 29 days at rate 0.8) is about 0.3 (a run of 14 successes), so most stay red.
        Assert.True(reported > 120, "about 80 % should report fever on day 0");
        Assert.True(stillRed > reported / 2, $"missed check-ins should keep most reds red after 30 days, got {stillRed} of {reported}");
    }

    private static void MakeSymptomatic(AgentState agents, int agent, ushort untilDay)
    {
        agents.Stage[agent] = DiseaseStage.Symptomatic;
        agents.InfectedDay[agent] = 0;
        agents.NextStageDay[agent] = untilDay;
        agents.FeverEndDay[agent] = untilDay;
    }
}
