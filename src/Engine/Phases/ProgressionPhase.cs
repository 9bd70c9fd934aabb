using System.Runtime.InteropServices;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Phases;

/// <summary>
/// Advances the natural history of every infected agent whose next transition is due today and drops the recovered
/// and dead from the infected list. Runs first in the day so that a person who becomes infectious today transmits
/// today: an infectious stage of D days is exactly D days of transmission. Each transition writes only its own agent,
/// so chunks of the list advance in parallel; when events are recorded the pass runs in list order instead, so the
/// event log keeps one order.
/// </summary>
public sealed class ProgressionPhase : IDayPhase
{
    private const int ChunkSize = 4096;

    private readonly NaturalHistory _history;

    public ProgressionPhase(NaturalHistory history)
    {
        _history = history;
    }

    public string Name => "progression";

    public void Step(SimulationState state, int day)
    {
        var agents = state.Agents;
        var infected = state.Infected;
        if (state.Details.Events is { } events)
        {
            foreach (var agent in CollectionsMarshal.AsSpan(infected))
            {
                if (agents.NextStageDay[agent] <= day)
                {
                    var before = agents.Stage[agent];
                    _history.Advance(agents, agent, day, state.Seed);
                    events.Add(new PersonEvent(day, agent, PersonEventKind.Stage, (byte)before, (byte)agents.Stage[agent], "progression"));
                }
            }
        }
        else
        {
            var advance = new AdvanceChunk { History = _history, State = state, Day = day };
            ChunkedLoop.Run((infected.Count + ChunkSize - 1) / ChunkSize, state.Parallel, ref advance);
        }

        var stage = agents.Stage;
        var kept = 0;
        for (var k = 0; k < infected.Count; k++)
        {
            var agent = infected[k];
            if (DiseaseStages.IsInfected(stage[agent]))
            {
                infected[kept++] = agent;
            }
        }
        infected.RemoveRange(kept, infected.Count - kept);
    }

    private struct AdvanceChunk : IChunkBody
    {
        public NaturalHistory History;
        public SimulationState State;
        public int Day;

        public readonly void Run(int chunk)
        {
            var agents = State.Agents;
            var nextStageDay = agents.NextStageDay;
            var infected = CollectionsMarshal.AsSpan(State.Infected);
            var end = Math.Min(infected.Length, (chunk + 1) * ChunkSize);
            for (var k = chunk * ChunkSize; k < end; k++)
            {
                var agent = infected[k];
                if (nextStageDay[agent] <= Day)
                {
                    History.Advance(agents, agent, Day, State.Seed);
                }
            }
        }
    }
}
