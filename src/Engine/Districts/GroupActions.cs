using Hcsim.Engine.Agents;
using Hcsim.Engine.Capacity;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Rules;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;

namespace Hcsim.Engine.Districts;

/// <summary>
/// The actions that reach beyond the person: <c>isolate_household</c>, <c>test_household</c>, <c>test_district</c> and
/// <c>isolate_district</c>. Each is applied once per group per day however many members trigger it: the first order of
/// the day for a (kind, group) pair, in the order of the triggering person and then of the rule, applies; later ones
/// that day (other members, other rules, later tracing rounds) are dropped.
/// </summary>
/// <remarks>
/// Orders are collected while the round's individual actions run in parallel and applied after them, one at a time in
/// person order, so the outcome does not depend on threads. They reuse the individual actions' semantics: a
/// confinement starts tomorrow, extends (the later end wins) and upgrades (central wins over home) an ongoing one, and
/// goes through the central beds when they are finite; a test is ordered unless one is already waiting or pending. The
/// dead are skipped.
/// </remarks>
public sealed class GroupActions
{
    private const int Kinds = 4;

    private readonly CompiledPolicy _policy;
    private readonly TestLab _lab;
    private readonly CentralBeds? _beds;
    /// <summary>By kind, the last day each group received that action (allocated on first use).</summary>
    private readonly int[]?[] _lastDay = new int[]?[Kinds];
    private readonly long[] _applied = new long[Kinds];

    public GroupActions(CompiledPolicy policy, TestLab lab, CentralBeds? beds)
    {
        _policy = policy;
        _lab = lab;
        _beds = beds;
    }

    /// <summary>Whether <paramref name="kind"/> is a group action.</summary>
    public static bool IsGroup(ActionKind kind) => Slot(kind) >= 0;

    /// <summary>Groups that received an action of <paramref name="kind"/> so far in the run (once per group and day).</summary>
    public long Applied(ActionKind kind) => _applied[Slot(kind)];

    /// <summary>Applies <paramref name="orders"/> (in person order) on <paramref name="day"/>.</summary>
    public void Apply(SimulationState state, List<GroupOrder> orders, int day)
    {
        foreach (var order in orders)
        {
            var slot = Slot(order.Action.Kind);
            var district = slot >= 2;
            int group;
            int groups;
            if (district)
            {
                // The validator refuses district actions without a districts section.
                var map = state.Districts!.Map;
                group = map.DistrictOf[order.Agent];
                groups = map.Count;
            }
            else
            {
                group = state.World.HouseholdOf[order.Agent];
                groups = state.World.HouseholdCount;
            }
            var last = _lastDay[slot] ??= Filled(groups);
            if (last[group] == day)
            {
                continue;
            }
            last[group] = day;
            _applied[slot]++;
            if (district)
            {
                foreach (var member in state.Districts!.Map.MembersOf(group))
                {
                    ApplyTo(state, member, order, day);
                }
            }
            else
            {
                for (var member = state.World.HouseholdStart[group]; member < state.World.HouseholdStart[group + 1]; member++)
                {
                    ApplyTo(state, member, order, day);
                }
            }
        }
    }

    private void ApplyTo(SimulationState state, int member, in GroupOrder order, int day)
    {
        var a = state.Agents;
        if (a.Stage[member] == DiseaseStage.Dead)
        {
            return;
        }
        var action = order.Action;
        switch (action.Kind)
        {
            case ActionKind.TestHousehold or ActionKind.TestDistrict:
                if (TestLab.Reserve(a, member))
                {
                    _lab.Enqueue(member, action.TestKind, day);
                }
                break;
            case ActionKind.IsolateHousehold or ActionKind.IsolateDistrict when _beds is not null && action.Where == ConfinementKind.Central:
                _beds.Request(member, action.Days);
                break;
            default:
                var start = AgentState.Day(day + 1);
                var end = action.Days < 0 ? AgentState.Never : AgentState.Day(start + action.Days);
                var ongoing = a.Confine(member, action.Where, start, end);
                if (state.Details.Events is { } events && a.Confinement[member] != ongoing)
                {
                    events.Add(new PersonEvent(day, member, PersonEventKind.Confinement, (byte)ongoing, (byte)a.Confinement[member], _policy.Rules[order.Rule].Name));
                }
                break;
        }
    }

    private static int Slot(ActionKind kind) => kind switch
    {
        ActionKind.IsolateHousehold => 0,
        ActionKind.TestHousehold => 1,
        ActionKind.IsolateDistrict => 2,
        ActionKind.TestDistrict => 3,
        _ => -1,
    };

    private static int[] Filled(int groups)
    {
        var days = new int[groups];
        Array.Fill(days, -1);
        return days;
    }
}
