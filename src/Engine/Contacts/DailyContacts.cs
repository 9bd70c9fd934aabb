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
/// household, except for the non-compliant share of <c>layers.home_quarantine</c>, who keep each outside contact with
/// probability kept_fraction. Dead people, and people away on a trip to another region, meet nobody. Confinement is read from the last two spells (see <see cref="AgentState.ConfinementOn"/>),
/// so a past day is seen with the confinement in force that day.
/// </remarks>
public sealed class DailyContacts
{
    private readonly World _world;
    private readonly AgentState _state;
    private readonly double _workContacts;
    private readonly double _schoolContacts;
    private readonly double _communityProbability;
    private readonly ulong _communityThreshold;
    private readonly ulong[][] _dayKeys;
    /// <summary>Bit per person: does not keep home quarantine fully (null when nobody leaks).</summary>
    private readonly ulong[]? _leaky;
    private readonly ulong _keptThreshold;
    private readonly ulong[] _leakKeys = [];
    /// <summary>The run has travel: people away on a trip meet nobody at home (read once, so runs without travel skip the check).</summary>
    private readonly bool _travel;

    /// <param name="days">Days of the run: the per-day keys of the contact streams are computed once for all of them.</param>
    public DailyContacts(World world, AgentState state, LayersConfig layers, ulong seed, int days)
    {
        _world = world;
        _state = state;
        _travel = state.AwayUntil is not null;
        _workContacts = layers.Work.ContactsPerDay;
        _schoolContacts = layers.School.ContactsPerDay;
        var degree = world.Community.MeanDegree;
        _communityProbability = world.Community.DailyProbability ?? (degree > 0 ? Math.Min(1.0, layers.Community.ContactsPerDay / degree) : 0);
        _communityThreshold = CounterRng.Threshold(_communityProbability);
        _dayKeys = new ulong[ContactLayers.Count][];
        for (var layer = 1; layer < ContactLayers.Count; layer++)
        {
            var stream = StreamOf((ContactLayer)layer);
            _dayKeys[layer] = Enumerable.Range(0, Math.Max(days, 1)).Select(d => CounterRng.DayKey(seed, stream, d)).ToArray();
        }
        var leakage = layers.HomeQuarantine;
        if (leakage.NoncompliantShare > 0 && leakage.KeptFraction > 0)
        {
            _leaky = new ulong[(world.Size + 63) >> 6];
            for (var i = 0; i < world.Size; i++)
            {
                if (CounterRng.Uniform(seed, RngStream.QuarantineNoncompliance, 0, i) < leakage.NoncompliantShare)
                {
                    _leaky[i >> 6] |= 1UL << (i & 63);
                }
            }
            _keptThreshold = CounterRng.Threshold(leakage.KeptFraction);
            _leakKeys = Enumerable.Range(0, Math.Max(days, 1)).Select(d => CounterRng.DayKey(seed, RngStream.QuarantineLeak, d)).ToArray();
        }
    }

    /// <summary>Calls <paramref name="visitor"/> for every contact of <paramref name="agent"/> on <paramref name="day"/> in <paramref name="layer"/>.</summary>
    public void ForEach<TVisitor>(int agent, int day, ContactLayer layer, ref TVisitor visitor)
        where TVisitor : struct, IContactVisitor
    {
        var stage = _state.Stage;
        if (stage[agent] == DiseaseStage.Dead || (_travel && _state.IsAway(agent, day)))
        {
            return;
        }
        var own = _state.ConfinementOn(agent, day);
        if (own == ConfinementKind.Central || (own == ConfinementKind.Home && layer != ContactLayer.Household && !Leaks(agent)))
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
            if (other != agent && visitor.Wants(other) && stage[other] != DiseaseStage.Dead && _state.ConfinementOn(other, day) != ConfinementKind.Central
                && !(_travel && _state.IsAway(other, day)))
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
        var threshold = CounterRng.Threshold(Math.Min(1.0, contactsPerDay / (members.Length - 1)));
        var key = _dayKeys[(int)layer][day];
        foreach (var other in members)
        {
            // The draw comes first: it touches no memory, and most members are not met on a given day.
            if (other != agent && Meets(key, agent, other, threshold) && visitor.Wants(other) && Meetable(agent, other, day))
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
        var key = _dayKeys[(int)ContactLayer.Community][day];
        var graph = _world.Community;
        var half = graph.RingHalfDegree;
        if (half > 0)
        {
            var household = _world.HouseholdOf[agent];
            var ringStart = _world.HouseholdStart[household];
            var ringEnd = _world.HouseholdStart[household + 1];
            var removed = graph.RingRemoved;
            var size = removed.Length;
            // Ring neighbours: the nearest people before and after, outside the household, unless rewired away.
            for (var j = 1; j <= half; j++)
            {
                var bit = 1 << (j - 1);
                var after = agent + j;
                if (after < size && after >= ringEnd && (removed[agent] & bit) == 0)
                {
                    VisitCommunityEdge(agent, after, day, key, ref visitor);
                }
                var before = agent - j;
                if (before >= 0 && before < ringStart && (removed[before] & bit) == 0)
                {
                    VisitCommunityEdge(agent, before, day, key, ref visitor);
                }
            }
        }
        foreach (var other in graph.ExtraOf(agent))
        {
            VisitCommunityEdge(agent, other, day, key, ref visitor);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void VisitCommunityEdge<TVisitor>(int agent, int other, int day, ulong key, ref TVisitor visitor)
        where TVisitor : struct, IContactVisitor
    {
        if (Meets(key, agent, other, _communityThreshold) && visitor.Wants(other) && Meetable(agent, other, day))
        {
            visitor.Visit(other, ContactLayer.Community);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsFree(int other, int day) =>
        _state.Stage[other] != DiseaseStage.Dead && _state.ConfinementOn(other, day) == ConfinementKind.None && !(_travel && _state.IsAway(other, day));

    /// <summary>Whether an outside (non-household) contact with <paramref name="other"/> happens given both confinements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Meetable(int agent, int other, int day) =>
        _leaky is null
            ? IsFree(other, day)
            : _state.Stage[other] != DiseaseStage.Dead && Outside(other, agent, other, day) && Outside(agent, agent, other, day) && !(_travel && _state.IsAway(other, day));

    /// <summary>Whether the person is one of the non-compliant who keep some outside contacts in home quarantine.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Leaks(int person) => _leaky is not null && (_leaky[person >> 6] & (1UL << (person & 63))) != 0;

    /// <summary>
    /// Whether an outside contact of the pair survives the home quarantine of <paramref name="person"/> (one of the pair):
    /// free people always, non-compliant people in home quarantine with probability kept_fraction, drawn per day, pair
    /// and side (stream QuarantineLeak), so both ends of a pair see the same answer.
    /// </summary>
    private bool Outside(int person, int a, int b, int day)
    {
        var confinement = _state.ConfinementOn(person, day);
        if (confinement == ConfinementKind.None)
        {
            return true;
        }
        if (confinement == ConfinementKind.Central || !Leaks(person))
        {
            return false;
        }
        var low = Math.Min(a, b);
        var high = Math.Max(a, b);
        var counter = ((((ulong)(uint)low << 32) | (uint)high) << 1) | (person == low ? 0UL : 1UL);
        return CounterRng.Keyed(_leakKeys[day], counter) < _keptThreshold;
    }

    /// <summary>Whether the pair meets: symmetric, keyed by (day, lower id, higher id) in the layer's stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Meets(ulong dayKey, int a, int b, ulong threshold) =>
        threshold == ulong.MaxValue
        || CounterRng.Keyed(dayKey, ((ulong)(uint)Math.Min(a, b) << 32) | (uint)Math.Max(a, b)) < threshold;

    // Each layer draws from its own stream so that changing one layer's contact rate leaves the others' contacts unchanged.
    private static RngStream StreamOf(ContactLayer layer) => layer switch
    {
        ContactLayer.Work => RngStream.ContactWork,
        ContactLayer.School => RngStream.ContactSchool,
        _ => RngStream.ContactCommunity,
    };
}
