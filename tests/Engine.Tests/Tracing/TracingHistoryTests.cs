using Hcsim.Engine.Agents;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Disease;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Tracing;

/// <summary>Tracing reads the confinement that was in force on each past day, not today's.</summary>
public sealed class TracingHistoryTests
{
    [Fact]
    public void PositiveTest_OfATracedPersonInHomeQuarantine_TracesTheirHousehold()
    {
        // Agent 0 (alone at home) works with agent 1; agent 1 lives with agents 2 and 3, who work nowhere.
        var world = World.FromParts([30, 30, 30, 30], [1, 3], [0, 0, -1, -1], [-1, -1, -1, -1], []);
        var run = Run(world, Deterministic2020());
        var agents = run.State.Agents;
        MakeSymptomatic(agents, 0, fromDay: 0);
        run.SeedInfections();
        for (var day = 0; day <= 3; day++)
        {
            run.RunDay(day); // day 0 fever, day 1 positive, day 2 agent 1 traced: yellow, home quarantine from day 3
        }
        Assert.True(agents.Colour[1] == Yellow && agents.ConfinementOn(1, 3) == ConfinementKind.Home, "agent 1 should be in home quarantine");

        MakeSymptomatic(agents, 1, fromDay: 4);
        for (var day = 4; day <= 6; day++)
        {
            run.RunDay(day); // day 4 fever: red, central from day 5; day 5 positive: trace days 3..5; day 6 delivery
        }

        Assert.True(agents.ConfinementOn(1, 3) == ConfinementKind.Home && agents.ConfinementOn(1, 4) == ConfinementKind.Home,
            "the upgrade to central isolation must not rewrite the home days");
        Assert.True(agents.ConfinementOn(1, 5) == ConfinementKind.Central, "central isolation starts the day after the fever report");
        Assert.True(agents.Colour[2] == Yellow && agents.Colour[3] == Yellow,
            "household members met during home quarantine (days 3 and 4) should be traced");
    }

    [Fact]
    public void ForEach_DayInAnEarlierSpell_SeesThatSpellsConfinement()
    {
        var world = Households([1, 1], sharedWorkplace: true);
        var model = Deterministic2020();
        var agents = new AgentState(world.Size);
        var contacts = new DailyContacts(world, agents, model.Layers, 7, model.Days);
        agents.Confine(0, ConfinementKind.Home, start: 2, end: AgentState.Never);
        agents.Release(0, from: 4);
        agents.Confine(0, ConfinementKind.Home, start: 6, end: 9);

        Assert.Empty(WorkContacts(contacts, 0, day: 3));
        Assert.Equal([1], WorkContacts(contacts, 0, day: 4));
        Assert.Empty(WorkContacts(contacts, 0, day: 7));
    }

    private static List<int> WorkContacts(DailyContacts contacts, int agent, int day)
    {
        var visitor = new Collector { Found = [] };
        contacts.ForEach(agent, day, ContactLayer.Work, ref visitor);
        return visitor.Found;
    }

    private static void MakeSymptomatic(AgentState agents, int agent, int fromDay)
    {
        agents.Stage[agent] = DiseaseStage.Symptomatic;
        agents.InfectedDay[agent] = AgentState.Day(fromDay);
        agents.NextStageDay[agent] = 60;
        agents.FeverEndDay[agent] = 60;
    }

    private struct Collector : IContactVisitor
    {
        public List<int> Found;

        public readonly bool Wants(int other) => true;

        public readonly void Visit(int other, ContactLayer layer) => Found.Add(other);
    }
}
