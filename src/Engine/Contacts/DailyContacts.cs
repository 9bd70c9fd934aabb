using System.Runtime.CompilerServices;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Contacts;

/// <summary>
/// Who meets whom on a given day. Contacts are not stored: whether a pair meets is a pure, symmetric function of
/// (seed, day, layer, lower id, higher id), so tracing regenerates a past day's contacts exactly as transmission saw them.
/// </summary>
/// <remarks>
/// Households: all members, every day. Work and school: each pair in a group meets with probability
/// min(1, contacts_per_day / (group size - 1)). Community: each graph edge is active with probability
/// min(1, contacts_per_day / mean degree). Central isolation removes every contact; home quarantine keeps only the
/// household. Dead people meet nobody. Confinement is read from the current spell (see <see cref="AgentState.ConfinementOn"/>),
/// so a past day within the current spell is seen as confined and a day before it as free.
/// </remarks>
public sealed class DailyContacts
{
    private readonly World _world;
    private readonly AgentState _state;
    private readonly ulong _seed;
    private readonly double _workContacts;
    private readonly double _schoolContacts;
    private readonly double _communityProbability;

    public DailyContacts(World world, AgentState state, LayersConfig layers, ulong seed)
    {
        _world = world;
        _state = state;
        _seed = seed;
        _workContacts = layers.Work.ContactsPerDay;
        _schoolContacts = layers.School.ContactsPerDay;
        var degree = world.MeanCommunityDegree;
        _communityProbability = degree > 0 ? Math.Min(1.0, layers.Community.ContactsPerDay / degree) : 0;
    }

    /// <summary>Calls <paramref name="visitor"/> for every contact of <paramref name="agent"/> on <paramref name="day"/> in <paramref name="layer"/>.</summary>
    public void ForEach<TVisitor>(int agent, int day, ContactLayer layer, ref TVisitor visitor)
        where TVisitor : struct, IContactVisitor
    {
        var stage = _state.Stage;
        if (stage[agent] == DiseaseStage.Dead)
        {
            return;
        }
        var own = _state.ConfinementOn(agent, day);
        if (own == QuarantineKind.Central || (own == QuarantineKind.Home && layer != ContactLayer.Household))
        {
            return;
        }
        switch (layer)
        {
            case ContactLayer.Household:
                VisitHousehold(agent, day, stage, ref visitor);
                break;
            case ContactLayer.Work:
                VisitGroup(_world.Work, _workContacts, agent, day, layer, ref visitor);
                break;
            case ContactLayer.School:
                VisitGroup(_world.School, _schoolContacts, agent, day, layer, ref visitor);
                break;
            case ContactLayer.Community:
                VisitCommunity(agent, day, ref visitor);
                break;
        }
    }

    private void VisitHousehold<TVisitor>(int agent, int day, DiseaseStage[] stage, ref TVisitor visitor)
        where TVisitor : struct, IContactVisitor
    {
        var household = _world.HouseholdOf[agent];
        var end = _world.HouseholdStart[household + 1];
        for (var other = _world.HouseholdStart[household]; other < end; other++)
        {
            if (other != agent && stage[other] != DiseaseStage.Dead && _state.ConfinementOn(other, day) != QuarantineKind.Central)
            {
                visitor.Visit(other, ContactLayer.Household);
            }
        }
    }

    private void VisitGroup<TVisitor>(GroupLayer groups, double contactsPerDay, int agent, int day, ContactLayer layer, ref TVisitor visitor)
        where TVisitor : struct, IContactVisitor
    {
        var group = groups.GroupOf[agent];
        if (group < 0 || contactsPerDay <= 0)
        {
            return;
        }
        var members = groups.MembersOf(group);
        if (members.Length < 2)
        {
            return;
        }
        var p = Math.Min(1.0, contactsPerDay / (members.Length - 1));
        var stream = StreamOf(layer);
        foreach (var other in members)
        {
            if (other != agent && Meets(stream, day, agent, other, p) && IsFree(other, day))
            {
                visitor.Visit(other, layer);
            }
        }
    }

    private void VisitCommunity<TVisitor>(int agent, int day, ref TVisitor visitor)
        where TVisitor : struct, IContactVisitor
    {
        if (_communityProbability <= 0)
        {
            return;
        }
        var stream = StreamOf(ContactLayer.Community);
        foreach (var other in _world.CommunityOf(agent))
        {
            if (Meets(stream, day, agent, other, _communityProbability) && IsFree(other, day))
            {
                visitor.Visit(other, ContactLayer.Community);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsFree(int other, int day) =>
        _state.Stage[other] != DiseaseStage.Dead && _state.ConfinementOn(other, day) == QuarantineKind.None;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Meets(RngStream stream, int day, int a, int b, double p) =>
        p >= 1 || CounterRng.Uniform(_seed, stream, day, Math.Min(a, b), Math.Max(a, b)) < p;

    // Each layer draws from its own stream so that changing one layer's contact rate leaves the others' contacts unchanged.
    private static RngStream StreamOf(ContactLayer layer) => layer switch
    {
        ContactLayer.Work => RngStream.ContactWork,
        ContactLayer.School => RngStream.ContactSchool,
        _ => RngStream.ContactCommunity,
    };
}
