using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Metrics;

/// <summary>Every daily column and summary metric on a hand-built population of ten people.</summary>
public class MetricDefinitionsTests
{
    // Colours: 0 green, 1 yellow, 2 red.
    // id stage          colour  confinement (in force tomorrow)
    // 0  susceptible    green   none              -> flagged earlier (mark), now green
    // 1  susceptible    red     central           -> flagged and confined, never infected
    // 2  symptomatic    green   none              -> infectious_free, infectious_unflagged
    // 3  recovered      yellow  home              -> flagged and confined, recovered
    // 4  exposed        yellow  none              -> flagged, infected
    // 5  dead           red     central           -> counted only as dead
    // 6  asymptomatic   red     central           -> flagged and confined, infected
    // 7  presymptomatic green   home (ends today) -> infectious_free and unflagged: the quarantine is over by tomorrow
    // 8  symptomatic    red     none              -> flagged but free: infectious_free although flagged
    // 9  presymptomatic green   home (ends day 5) -> infectious_unflagged but confined, so not free
    private static SimulationState BuildState()
    {
        const int n = 10;
        var world = World.FromParts(new byte[n], [n], Enumerable.Repeat(-1, n).ToArray(), Enumerable.Repeat(-1, n).ToArray(), []);
        var state = new SimulationState(world, days: 2, ["green", "yellow", "red"], seed: 1, new ParallelOptions { MaxDegreeOfParallelism = 1 });
        var a = state.Agents;
        DiseaseStage[] stages = [DiseaseStage.Susceptible, DiseaseStage.Susceptible, DiseaseStage.Symptomatic, DiseaseStage.Recovered,
            DiseaseStage.Exposed, DiseaseStage.Dead, DiseaseStage.Asymptomatic, DiseaseStage.Presymptomatic, DiseaseStage.Symptomatic,
            DiseaseStage.Presymptomatic];
        byte[] colours = [0, 2, 0, 1, 1, 2, 2, 0, 2, 0];
        for (var i = 0; i < n; i++)
        {
            a.Stage[i] = stages[i];
            a.Colour[i] = colours[i];
            if (colours[i] != 0)
            {
                a.Marks[i] |= AgentMarks.EverFlagged;
            }
        }
        Confine(a, 1, ConfinementKind.Central, 0, AgentState.Never);
        Confine(a, 3, ConfinementKind.Home, 0, AgentState.Never);
        Confine(a, 5, ConfinementKind.Central, 0, AgentState.Never);
        Confine(a, 6, ConfinementKind.Central, 0, AgentState.Never);
        Confine(a, 7, ConfinementKind.Home, 0, 1);
        Confine(a, 9, ConfinementKind.Home, 0, 5);
        a.Marks[0] |= AgentMarks.EverFlagged; // was flagged earlier, now green again, never infected
        return state;
    }

    private static void Confine(AgentState a, int agent, ConfinementKind kind, ushort start, ushort end)
    {
        a.Confinement[agent] = kind;
        a.ConfinementStartDay[agent] = start;
        a.ConfinementEndDay[agent] = end;
    }

    [Fact]
    public void MetricsPhase_HandBuiltPopulation_CountsEveryColumnByItsDefinition()
    {
        var state = BuildState();
        state.Today.NewInfections = 3;
        state.Today.TestsReported = 4;
        state.Today.PositiveTests = 3;
        state.Today.PositiveTestsNeverInfected = 1;
        state.Today.PositiveTestsInfected = 1;
        state.Today.PositiveTestsRecovered = 1;
        state.Today.NewColour[2] = 2;

        new MetricsPhase(3).Step(state, day: 0);

        var d = state.Daily;
        var expected = new Dictionary<string, int>
        {
            ["susceptible"] = 2, ["exposed"] = 1, ["infectious"] = 5, ["recovered"] = 1, ["dead"] = 1,
            ["green"] = 4, ["yellow"] = 2, ["red"] = 3,
            ["quarantined_home"] = 2, ["quarantined_central"] = 2,
            ["new_infections"] = 3, ["new_yellow"] = 0, ["new_red"] = 2, ["tests"] = 4, ["positive_tests"] = 3,
            ["positive_tests_never_infected"] = 1, ["positive_tests_infected"] = 1, ["positive_tests_recovered"] = 1,
            ["flagged"] = 5, ["flagged_never_infected"] = 1, ["flagged_infected"] = 3, ["flagged_recovered"] = 1,
            ["confined_never_infected"] = 1, ["confined_infected"] = 2, ["confined_recovered"] = 1,
            ["infectious_free"] = 3, ["infectious_unflagged"] = 3,
        };
        foreach (var column in d.Columns())
        {
            Assert.True(expected.ContainsKey(column.Name), $"column {column.Name} should be covered by this test");
            Assert.True(expected[column.Name] == column.Values[0], $"{column.Name}: expected {expected[column.Name]}, got {column.Values[0]}");
        }
        Assert.Equal(expected.Count, d.Columns().Count);
        Assert.True(state.Today.NewInfections == 0 && state.Today.NewColour[2] == 0 && state.Today.PositiveTestsInfected == 0,
            "the metrics phase resets today's counters");
    }

    [Fact]
    public void MetricsPhase_ConfinedPeople_MarksThemConfinedAndWhileInfected()
    {
        var state = BuildState();

        new MetricsPhase(3).Step(state, day: 0);

        var marks = state.Agents.Marks;
        var confined = Enumerable.Range(0, 10).Where(i => (marks[i] & AgentMarks.EverConfined) != 0).ToArray();
        var whileInfected = Enumerable.Range(0, 10).Where(i => (marks[i] & AgentMarks.ConfinedWhileInfected) != 0).ToArray();
        Assert.True(confined.SequenceEqual([1, 3, 6, 9]), $"people confined tomorrow (alive) should be marked confined, got [{string.Join(", ", confined)}]");
        Assert.True(whileInfected.SequenceEqual([6, 9]), $"only those infected today should be marked confined while infected, got [{string.Join(", ", whileInfected)}]");
    }

    [Fact]
    public void RunSummaryBuilder_TwoDays_SumsPeaksSharesAndHorizonByDefinition()
    {
        var state = BuildState();
        var metrics = new MetricsPhase(3);
        state.Today.PositiveTests = 3;
        state.Today.PositiveTestsInfected = 1;
        metrics.Step(state, 0);
        state.Agents.Stage[0] = DiseaseStage.Exposed; // agent 0 infected on day 1
        state.Agents.Colour[4] = 0;                  // agent 4 released
        metrics.Step(state, 1);

        var s = RunSummaryBuilder.Build("v", 0, 9, state.Daily, state.Agents, state.Records, state.Venues);

        Assert.Equal(9, s.TotalInfections);           // everyone ever infected (the dead included): all but agent 1
        Assert.Equal(9.0 / 10, s.AttackRate);
        Assert.Equal(5, s.PeakInfectious);
        Assert.Equal(4, s.PeakQuarantined);           // home 2 + central 2 on both days
        Assert.Equal(4 + 4, s.QuarantinePersonDays);
        Assert.Equal(1 + 1, s.NeverInfectedConfinedPersonDays);
        Assert.Equal(2 + 2, s.InfectedConfinedPersonDays);
        Assert.Equal(1 + 1, s.RecoveredConfinedPersonDays);
        Assert.Equal(5 + 4, s.FlaggedPersonDays);
        Assert.Equal(1 + 1, s.NeverInfectedFlaggedPersonDays);
        Assert.Equal(3 + 2, s.InfectedFlaggedPersonDays);
        Assert.Equal(1 + 1, s.RecoveredFlaggedPersonDays);
        Assert.Equal((1 + 1) / 9.0, s.FalsePositiveShare);
        Assert.Equal(1, s.NeverInfectedFlagged);       // agent 1 (agent 0 got infected on day 1)
        Assert.Equal(4, s.PeopleConfined);             // 1, 3, 6, 9
        Assert.Equal(1, s.NeverInfectedConfined);      // 1
        Assert.Equal(2, s.ConfinedWhileInfected);      // 6, 9
        Assert.Equal(3 + 3, s.MissedPersonDays);       // 2, 7, 8 on both days
        Assert.Equal(3 + 3, s.InfectiousUnflaggedPersonDays);
        Assert.Equal(3, s.PositiveTestsTotal);
        Assert.Equal(1 / 3.0, s.ConfirmationPpv);
        Assert.True(s.CasesDetected == 0 && s.NeverInfectedConfinedPerCase is null && s.NeverInfectedConfinedPersonDaysPerCase is null,
            "with no case detected the per-case ratios are undefined (null), not zero");
        Assert.Equal(4, s.ConfinedAtEnd);              // 1, 3, 6, 9 are confined on day 2
        Assert.Equal(3, s.OpenConfinementsAtEnd);      // 1, 3, 6 have no end day
        Assert.Equal(5 - 2, s.ConfinementDaysAfterEnd); // 9 is confined until day 5 (exclusive)
        Assert.False(s.ConfinementRisingAtEnd, "confinement stays at 4, so it is not rising");
        Assert.True(s.EpidemicRisingAtEnd, "infected people go from 6 to 7, so the epidemic is rising at the end");
    }
}
