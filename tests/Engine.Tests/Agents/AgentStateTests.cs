using Hcsim.Engine.Agents;

namespace Hcsim.Engine.Tests.Agents;

/// <summary>The confinement history: what tracing and the metrics read about past and future days.</summary>
public sealed class AgentStateTests
{
    [Fact]
    public void Confine_UpgradeFromHomeToCentral_KeepsTheHomeDays()
    {
        var agents = new AgentState(1);
        agents.Confine(0, ConfinementKind.Home, start: 3, end: 10);

        var before = agents.Confine(0, ConfinementKind.Central, start: 6, end: 8);

        Assert.True(before == ConfinementKind.Home, "Confine should return what was in force on the start day");
        Assert.True(agents.ConfinementOn(0, 3) == ConfinementKind.Home && agents.ConfinementOn(0, 5) == ConfinementKind.Home,
            "days before the upgrade should stay home days");
        Assert.True(agents.ConfinementOn(0, 6) == ConfinementKind.Central && agents.ConfinementOn(0, 9) == ConfinementKind.Central,
            "the upgrade holds from its start to the later of the two ends");
        Assert.True(agents.ConfinementOn(0, 10) == ConfinementKind.None && agents.ConfinementOn(0, 2) == ConfinementKind.None,
            "outside both spells the person is free");
        Assert.True(agents.ConfinedDaysOn(0, 7) == 5, "an upgrade continues the confinement: days 3..7 are 5 days");
    }

    [Fact]
    public void Confine_ConfinedReleasedAndConfinedAgain_ReadsEachPastDayCorrectly()
    {
        var agents = new AgentState(1);
        agents.Confine(0, ConfinementKind.Home, start: 2, end: AgentState.Never);
        agents.Release(0, from: 4);

        agents.Confine(0, ConfinementKind.Central, start: 6, end: 9);

        Assert.True(agents.ConfinementOn(0, 2) == ConfinementKind.Home && agents.ConfinementOn(0, 3) == ConfinementKind.Home,
            "the earlier spell should still read as home quarantine");
        Assert.True(agents.ConfinementOn(0, 4) == ConfinementKind.None && agents.ConfinementOn(0, 5) == ConfinementKind.None,
            "the days between the spells should read as free");
        Assert.True(agents.ConfinementOn(0, 6) == ConfinementKind.Central, "the new spell holds from its start");
        Assert.True(agents.ConfinedDaysOn(0, 7) == 2, "a new spell after a release counts from its own start");
    }

    [Fact]
    public void Confine_ExtendedSpell_KeepsOneSpellWithTheLaterEnd()
    {
        var agents = new AgentState(1);
        agents.Confine(0, ConfinementKind.Central, start: 1, end: 5);

        agents.Confine(0, ConfinementKind.Home, start: 3, end: 12);

        Assert.True(agents.ConfinementOn(0, 11) == ConfinementKind.Central, "a milder request extends the stricter spell to the later end");
        Assert.True(agents.PreviousConfinement[0] == ConfinementKind.None, "an extension starts no new spell");
        Assert.True(agents.ConfinedDaysOn(0, 3) == 3, "days 1..3 of one spell are 3 days");
    }

    [Fact]
    public void Confine_ThirdSpell_ForgetsTheOldestOnly()
    {
        var agents = new AgentState(1);
        agents.Confine(0, ConfinementKind.Home, start: 1, end: 3);
        agents.Confine(0, ConfinementKind.Home, start: 5, end: 7);

        agents.Confine(0, ConfinementKind.Central, start: 9, end: 11);

        Assert.True(agents.ConfinementOn(0, 1) == ConfinementKind.None, "only the last two spells are remembered (documented bound)");
        Assert.True(agents.ConfinementOn(0, 5) == ConfinementKind.Home, "the previous spell is remembered");
        Assert.True(agents.ConfinementOn(0, 10) == ConfinementKind.Central, "the current spell is in force");
    }

    [Fact]
    public void Release_BeforeTheSpellBegins_LeavesNoDayConfined()
    {
        var agents = new AgentState(1);
        agents.Confine(0, ConfinementKind.Home, start: 1, end: 4);
        agents.Confine(0, ConfinementKind.Home, start: 6, end: 9);
        agents.Release(0, from: 6);

        agents.Confine(0, ConfinementKind.Central, start: 8, end: 10);

        Assert.True(agents.ConfinementOn(0, 2) == ConfinementKind.Home, "an empty spell is dropped, so the one before it is kept");
        Assert.True(agents.ConfinementOn(0, 6) == ConfinementKind.None, "a spell released before it began confines nobody");
    }
}
