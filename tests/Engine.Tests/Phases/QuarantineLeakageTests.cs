using Hcsim.Engine.Agents;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Phases;

/// <summary>Home-quarantine leakage: non-compliant people in home quarantine keep a fraction of their outside contacts.</summary>
public sealed class QuarantineLeakageTests
{
    private const int Days = 400;

    /// <summary>Two people alone at home sharing a workplace where every pair meets; person 0 in home quarantine throughout.</summary>
    private static (DailyContacts Contacts, AgentState Agents) Setup(double share, double kept)
    {
        var world = TinyWorlds.Households([1, 1], sharedWorkplace: true);
        var layers = TinyWorlds.Deterministic2020().Layers with { HomeQuarantine = new HomeQuarantineConfig { NoncompliantShare = share, KeptFraction = kept } };
        var agents = new AgentState(world.Size);
        agents.Confine(0, ConfinementKind.Home, start: 0, end: AgentState.Never);
        return (new DailyContacts(world, agents, layers, 7, Days), agents);
    }

    private static bool Met(DailyContacts contacts, int agent, int day)
    {
        var visitor = new Collector { Found = [] };
        contacts.ForEach(agent, day, ContactLayer.Work, ref visitor);
        return visitor.Found.Count > 0;
    }

    [Fact]
    public void ForEach_NobodyNoncompliant_HomeQuarantineCutsWork()
    {
        var (contacts, _) = Setup(share: 0, kept: 0.5);

        Assert.True(Enumerable.Range(0, Days).All(d => !Met(contacts, 0, d) && !Met(contacts, 1, d)), "a compliant person in home quarantine meets nobody at work");
    }

    [Fact]
    public void ForEach_EveryoneNoncompliant_KeepsAboutTheFractionOfWorkContactsSeenFromBothSides()
    {
        var (contacts, _) = Setup(share: 1, kept: 0.3);

        var days = Enumerable.Range(0, Days).Where(d => Met(contacts, 0, d)).ToList();

        Assert.True(days.Count is > 90 and < 150, $"about 30 % of {Days} days should keep the work contact, got {days.Count}");
        Assert.True(Enumerable.Range(0, Days).All(d => Met(contacts, 0, d) == Met(contacts, 1, d)), "a contact is the same seen from either side");
    }

    private struct Collector : IContactVisitor
    {
        public List<int> Found;

        public readonly bool Wants(int other) => true;

        public readonly void Visit(int other, ContactLayer layer) => Found.Add(other);
    }
}
