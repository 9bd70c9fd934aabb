using Hcsim.Engine.Agents;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Phases;

/// <summary>Check-ins by the app, and the staff's daily check of people in central isolation.</summary>
public sealed class CheckInPhaseTests
{
    // 0 centrally isolated today, 1 in home quarantine, 2 free, 3 centrally isolated with fever, 4 central spell
    // starting tomorrow (free today).
    private static SimulationState State(int day)
    {
        var world = TinyWorlds.Households([5]);
        var state = new SimulationState(world, days: day + 1, ["green", "yellow", "red"], seed: 3, new ParallelOptions { MaxDegreeOfParallelism = 1 });
        var a = state.Agents;
        Confine(a, 0, ConfinementKind.Central, 0, AgentState.Never);
        Confine(a, 1, ConfinementKind.Home, 0, AgentState.Never);
        Confine(a, 3, ConfinementKind.Central, 0, AgentState.Never);
        Confine(a, 4, ConfinementKind.Central, (ushort)(day + 1), AgentState.Never);
        a.FeverEndDay[3] = (ushort)(day + 2);
        return state;
    }

    private static void Confine(AgentState a, int agent, ConfinementKind kind, ushort start, ushort end)
    {
        a.Confinement[agent] = kind;
        a.ConfinementStartDay[agent] = start;
        a.ConfinementEndDay[agent] = end;
    }

    [Fact]
    public void Step_NobodyUsesTheAppButStaffCheck_ChecksOnlyCentrallyIsolatedPeople()
    {
        const int day = 4;
        var state = State(day);
        var config = new CheckInConfig { Probability = 0, FeverReportProbability = 0 };

        new CheckInPhase(config, recorded: true).Step(state, day);

        var checkedIn = Enumerable.Range(0, 5).Where(i => state.Agents.CheckInDay[i] == day).ToArray();
        Assert.True(checkedIn.SequenceEqual([0, 3]), $"with checkin.probability 0 only the centrally isolated (0, 3) should be checked, by staff; got [{string.Join(", ", checkedIn)}]");
        Assert.True(state.FeverReports.SequenceEqual([3]), "staff should find and report the isolated person's fever (detection probability 1 by default)");
        Assert.True(state.Agents.HealthyStreak[0] == 1 && state.Agents.HealthyStreak[3] == 0,
            "a healthy staff check grows the streak; a fever found resets it");
    }

    [Fact]
    public void Step_StaffDoNotCheck_CentrallyIsolatedMissTheirCheckIn()
    {
        const int day = 4;
        var state = State(day);
        var config = new CheckInConfig { Probability = 1, FeverReportProbability = 1, CentralCheckProbability = 0 };

        new CheckInPhase(config, recorded: true).Step(state, day);

        var checkedIn = Enumerable.Range(0, 5).Where(i => state.Agents.CheckInDay[i] == day).ToArray();
        Assert.True(checkedIn.SequenceEqual([1, 2, 4]), $"with central_check_probability 0 everybody but the centrally isolated should check in; got [{string.Join(", ", checkedIn)}]");
        Assert.True(state.FeverReports.Count == 0, "nobody checked the isolated person with fever, so no fever is reported");
    }

    [Fact]
    public void Step_StaffMissFevers_ReportsNoFeverOfIsolatedPeople()
    {
        const int day = 4;
        var state = State(day);
        var config = new CheckInConfig { Probability = 1, FeverReportProbability = 1, CentralFeverDetectionProbability = 0 };

        new CheckInPhase(config, recorded: true).Step(state, day);

        Assert.True(state.Agents.CheckInDay[3] == day, "the isolated person with fever is still checked by staff");
        Assert.True(state.FeverReports.Count == 0, "with central_fever_detection_probability 0 staff report no fever");
    }

    [Fact]
    public void Load_CentralCheckKeys_BindFromTheScenarioFile()
    {
        var scenario = ScenarioLoader.Load("name: s\ncheckin:\n  central_check_probability: 0.5\n  central_fever_detection_probability: 0.25\n", "s.yaml", []);

        var checkin = scenario.Variants[0].Model.Checkin;
        Assert.True(checkin.CentralCheckProbability == 0.5 && checkin.CentralFeverDetectionProbability == 0.25,
            "checkin.central_check_probability and checkin.central_fever_detection_probability should bind");
        Assert.True(new CheckInConfig().CentralCheckProbability == 1 && new CheckInConfig().CentralFeverDetectionProbability == 1,
            "both default to 1 (staff check everyone and find every fever)");
    }

    [Fact]
    public void Run_NoAppCheckIns_StaffChecksReleaseCentrallyIsolatedRedsAfterRedDays()
    {
        // The 2020 rules: a fever report turns a person red and centrally isolated until 14 healthy checks in a row.
        // Nobody uses the app (checkin.probability 0), so only the staff's checks can build the streak.
        var model = TinyWorlds.Deterministic2020(days: 40) with { Checkin = new CheckInConfig { Probability = 0, FeverReportProbability = 0 } };
        var run = TinyWorlds.Run(TinyWorlds.Households([20]), model);
        var agents = run.State.Agents;
        run.SeedInfections();
        run.RunDay(0);
        for (var i = 0; i < 10; i++)
        {
            // Ten people report a fever on day 0 as a rule would see it: make them red and isolated by hand.
            agents.Colour[i] = TinyWorlds.Red;
            agents.ColourSinceDay[i] = 0;
            agents.HealthyStreak[i] = 0;
            Confine(agents, i, ConfinementKind.Central, 1, AgentState.Never);
        }
        for (var day = 1; day < 40; day++)
        {
            run.RunDay(day);
        }

        var released = Enumerable.Range(0, 10).Count(i => agents.Colour[i] == TinyWorlds.Green && agents.ConfinementOn(i, 40) == ConfinementKind.None);
        Assert.True(released == 10, $"staff checks every isolated person daily, so all 10 reds should be released within 40 days; {released} were");
        Assert.True(Enumerable.Range(10, 10).All(i => agents.CheckInDay[i] == AgentState.Never), "people outside central isolation never check in at probability 0");
    }
}
