using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Capacity;

/// <summary>
/// Central isolation beds, when the scenario limits them. Rules' <c>isolate: central</c> actions become orders; after each
/// round of actions the orders are admitted at one point, in person order, after the people waiting from earlier days
/// (first come, first served), while beds are free for tomorrow (the day a confinement decided today starts). A bed is
/// held by each person centrally isolated tomorrow; someone already centrally isolated keeps their bed (the order
/// extends the stay). An order that finds no bed goes to home quarantine for the same days (<c>overflow: home</c>) or
/// waits, free, until a bed frees (<c>overflow: wait</c>; the days count from admission, and someone whose code is back
/// to the first colour, or who died, leaves the queue).
/// </summary>
public sealed class CentralBeds
{
    public static readonly ImmutableArray<string> OverflowModes = ["home", "wait"];

    public static readonly PartColumn OverflowColumn = new("central_overflow",
        "People who were ordered central isolation but found no bed, at the end of the day: in home quarantine instead (overflow: home) or waiting, free, for a bed (overflow: wait). Its sum is the overflow person-days.");
    public static readonly PartColumn TurnedAwayColumn = new("central_turned_away",
        "Central isolation orders that found no bed today.");

    private readonly int _beds;
    private readonly bool _wait;
    private readonly int[] _overflow;
    private readonly int[] _turnedAway;
    private readonly List<Order> _orders = [];
    private readonly List<int> _occupants = [];
    private readonly Queue<Order> _waiting = new();
    private readonly HashSet<int> _isWaiting = [];
    private readonly HashSet<int> _atHomeInstead = [];
    private readonly List<int> _scratch = [];

    public CentralBeds(CentralIsolationConfig config, DailyMetrics daily)
    {
        _beds = config.Beds;
        _wait = config.Overflow == "wait";
        _overflow = daily.AddPartColumn(OverflowColumn);
        _turnedAway = daily.AddPartColumn(TurnedAwayColumn);
    }

    /// <summary>An order for central isolation: <see cref="Days"/> days, or until released when negative.</summary>
    private readonly record struct Order(int Agent, int Days);

    /// <summary>Queues today's order of <paramref name="agent"/> (called in person order).</summary>
    public void Request(int agent, int days) => _orders.Add(new Order(agent, days));

    /// <summary>Admits the waiting and today's orders within the beds free tomorrow, then counts the overflow.</summary>
    public void Admit(SimulationState state, int day)
    {
        var a = state.Agents;
        var tomorrow = AgentState.Day(day + 1);
        var kept = 0;
        for (var k = 0; k < _occupants.Count; k++)
        {
            var p = _occupants[k];
            if (a.ConfinementOn(p, tomorrow) == ConfinementKind.Central && a.Stage[p] != DiseaseStage.Dead)
            {
                _occupants[kept++] = p;
            }
        }
        _occupants.RemoveRange(kept, _occupants.Count - kept);
        var free = _beds - _occupants.Count;
        while (free > 0 && _waiting.Count > 0)
        {
            var order = _waiting.Dequeue();
            _isWaiting.Remove(order.Agent);
            if (a.Stage[order.Agent] == DiseaseStage.Dead || a.Colour[order.Agent] == 0)
            {
                continue;
            }
            Confine(state, order, ConfinementKind.Central, tomorrow, day);
            free--;
        }
        foreach (var order in _orders)
        {
            if (a.ConfinementOn(order.Agent, tomorrow) == ConfinementKind.Central)
            {
                Confine(state, order, ConfinementKind.Central, tomorrow, day);
            }
            else if (free > 0)
            {
                Confine(state, order, ConfinementKind.Central, tomorrow, day);
                free--;
            }
            else
            {
                _turnedAway[day]++;
                if (!_wait)
                {
                    Confine(state, order, ConfinementKind.Home, tomorrow, day);
                    _atHomeInstead.Add(order.Agent);
                }
                else if (_isWaiting.Add(order.Agent))
                {
                    _waiting.Enqueue(order);
                }
            }
        }
        _orders.Clear();
        _scratch.Clear();
        foreach (var p in _atHomeInstead)
        {
            if (a.ConfinementOn(p, tomorrow) != ConfinementKind.Home)
            {
                _scratch.Add(p);
            }
        }
        foreach (var p in _scratch)
        {
            _atHomeInstead.Remove(p);
        }
        _overflow[day] = _atHomeInstead.Count + _waiting.Count;
    }

    private void Confine(SimulationState state, Order order, ConfinementKind kind, ushort start, int day)
    {
        var a = state.Agents;
        var end = order.Days < 0 ? AgentState.Never : AgentState.Day(start + order.Days);
        var before = a.Confine(order.Agent, kind, start, end);
        if (kind == ConfinementKind.Central)
        {
            if (before != ConfinementKind.Central)
            {
                _occupants.Add(order.Agent);
            }
            _atHomeInstead.Remove(order.Agent);
        }
        if (state.Details.Events is { } events && a.Confinement[order.Agent] != before)
        {
            events.Add(new PersonEvent(day, order.Agent, PersonEventKind.Confinement, (byte)before, (byte)a.Confinement[order.Agent], "central_beds"));
        }
    }
}
