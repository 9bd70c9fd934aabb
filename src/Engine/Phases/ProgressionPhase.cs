using System.Runtime.InteropServices;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Phases;

/// <summary>
/// Advances the natural history of every infected agent whose next transition is due today and drops the recovered
/// and dead from the infected list. Runs first in the day so that a person who becomes infectious today transmits
/// today: an infectious stage of D days is exactly D days of transmission. Each transition writes only its own agent,
/// so chunks of the list advance in parallel and drop their recovered and dead in the same pass; when events are recorded
/// the transitions run in list order instead, so the event log keeps one order.
/// </summary>
public sealed class ProgressionPhase : IDayPhase
{
    private const int ChunkSize = 4096;

    private readonly NaturalHistory _history;
    private int[] _kept = [];

    public ProgressionPhase(NaturalHistory history)
    {
        _history = history;
    }

    public string Name => "progression";

    public void Step(SimulationState state, int day)
    {
        var agents = state.Agents;
        var infected = state.Infected;
        var events = state.Details.Events;
        if (events is not null)
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
        var chunks = (infected.Count + ChunkSize - 1) / ChunkSize;
        if (_kept.Length < chunks)
        {
            _kept = new int[Math.Max(chunks, _kept.Length * 2)];
        }
        // Each chunk advances its agents (unless done above) and packs those still infected to the front of its own
        // part of the list; the parts are then closed up in chunk order: the list order one pass would leave.
        var advance = new AdvanceChunk { History = _history, State = state, Day = day, Advance = events is null, Kept = _kept };
        ChunkedLoop.Run(chunks, state.Parallel, ref advance);
        var list = CollectionsMarshal.AsSpan(infected);
        var kept = 0;
        for (var c = 0; c < chunks; c++)
        {
            var start = c * ChunkSize;
            if (start != kept)
            {
                list.Slice(start, _kept[c]).CopyTo(list[kept..]);
            }
            kept += _kept[c];
        }
        CollectionsMarshal.SetCount(infected, kept);
    }

    private struct AdvanceChunk : IChunkBody
    {
        public NaturalHistory History;
        public SimulationState State;
        public int Day;
        public bool Advance;
        public int[] Kept;

        public readonly void Run(int chunk)
        {
            var agents = State.Agents;
            var nextStageDay = agents.NextStageDay;
            var stage = agents.Stage;
            var infected = CollectionsMarshal.AsSpan(State.Infected);
            var start = chunk * ChunkSize;
            var end = Math.Min(infected.Length, start + ChunkSize);
            var kept = start;
            for (var k = start; k < end; k++)
            {
                var agent = infected[k];
                if (Advance && nextStageDay[agent] <= Day)
                {
                    History.Advance(agents, agent, Day, State.Seed);
                }
                if (DiseaseStages.IsInfected(stage[agent]))
                {
                    infected[kept++] = agent;
                }
            }
            Kept[chunk] = kept - start;
        }
    }
}
