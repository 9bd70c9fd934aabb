using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Metrics;

/// <summary>Every daily column and summary metric on a hand-built population of eight people.</summary>
public class MetricDefinitionsTests
{
    // Colours: 0 green, 1 yellow, 2 red.
    // id stage          colour  confinement (in force tomorrow)
    // 0  susceptible    green   none
    // 1  susceptible    red     central          -> flagged, uninfected, never infected, quarantined uninfected
    // 2  symptomatic    green   none             -> infectious_free
    // 3  recovered      yellow  home             -> flagged uninfected (not never-infected), quarantined uninfected
    // 4  exposed        yellow  none             -> flagged, infected
    // 5  dead           red     central          -> counted only as dead
    // 6  asymptomatic   red     central          -> infectious but confined
    // 7  presymptomatic green   home (ends today) -> infectious_free, since the quarantine is over by tomorrow
    private static SimulationState BuildState()
    {
        var world = World.FromParts(new byte[8], [8], Enumerable.Repeat(-1, 8).ToArray(), Enumerable.Repeat(-1, 8).ToArray(), []);
        var state = new SimulationState(world, days: 2, ["green", "yellow", "red"], seed: 1, new ParallelOptions { MaxDegreeOfParallelism = 1 });
        var a = state.Agents;
        DiseaseStage[] stages = [DiseaseStage.Susceptible, DiseaseStage.Susceptible, DiseaseStage.Symptomatic, DiseaseStage.Recovered,
            DiseaseStage.Exposed, DiseaseStage.Dead, DiseaseStage.Asymptomatic, DiseaseStage.Presymptomatic];
        byte[] colours = [0, 2, 0, 1, 1, 2, 2, 0];
        for (var i = 0; i < 8; i++)
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
        state.Today.PositiveTests = 1;
        state.Today.NewColour[2] = 2;

        new MetricsPhase(3).Step(state, day: 0);

        var d = state.Daily;
        var expected = new Dictionary<string, int>
        {
            ["susceptible"] = 2, ["exposed"] = 1, ["infectious"] = 3, ["recovered"] = 1, ["dead"] = 1,
            ["green"] = 3, ["yellow"] = 2, ["red"] = 2,
            ["quarantined_home"] = 1, ["quarantined_central"] = 2,
            ["new_infections"] = 3, ["new_yellow"] = 0, ["new_red"] = 2, ["tests"] = 4, ["positive_tests"] = 1,
            ["flagged"] = 4, ["flagged_uninfected"] = 2, ["flagged_never_infected"] = 1,
            ["quarantined_uninfected"] = 2, ["infectious_free"] = 2,
        };
        foreach (var column in d.Columns())
        {
            Assert.True(expected.ContainsKey(column.Name), $"column {column.Name} should be covered by this test");
            Assert.True(expected[column.Name] == column.Values[0], $"{column.Name}: expected {expected[column.Name]}, got {column.Values[0]}");
        }
        Assert.Equal(expected.Count, d.Columns().Count);
        Assert.True(state.Today.NewInfections == 0 && state.Today.NewColour[2] == 0, "the metrics phase resets today's counters");
    }

    [Fact]
    public void RunSummaryBuilder_TwoDays_SumsPeaksAndSharesByDefinition()
    {
        var state = BuildState();
        var metrics = new MetricsPhase(3);
        metrics.Step(state, 0);
        state.Agents.Stage[0] = DiseaseStage.Exposed; // agent 0 infected on day 1
        state.Agents.Colour[4] = 0;                  // agent 4 released
        metrics.Step(state, 1);

        var s = RunSummaryBuilder.Build("v", 0, 9, state.Daily, state.Agents);

        Assert.Equal(7, s.TotalInfections);           // everyone ever infected (the dead included): all but agent 1
        Assert.Equal(7.0 / 8, s.AttackRate);
        Assert.Equal(3, s.PeakInfectious);
        Assert.Equal(3, s.PeakQuarantined);           // day 0: home 1 + central 2
        Assert.Equal(3 + 3, s.QuarantinePersonDays);
        Assert.Equal(4 + 3, s.FlaggedPersonDays);
        Assert.Equal((2 + 2) / 7.0, s.FalsePositiveShare);
        Assert.Equal(1, s.NeverInfectedFlagged);       // agent 1 (agent 0 got infected on day 1)
        Assert.Equal(2 + 2, s.MissedPersonDays);
        Assert.Equal(2 + 2, s.UninfectedQuarantinePersonDays);
    }
}
