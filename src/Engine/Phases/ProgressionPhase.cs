using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Phases;

/// <summary>
/// Advances the natural history of every infected agent whose next transition is due today and drops the recovered
/// and dead from the infected list. Runs first in the day so that a person who becomes infectious today transmits
/// today: an infectious stage of D days is exactly D days of transmission.
/// </summary>
public sealed class ProgressionPhase(NaturalHistory history) : IDayPhase
{
    public string Name => "progression";

    public void Step(SimulationState state, int day)
    {
        var agents = state.Agents;
        var infected = state.Infected;
        var nextStageDay = agents.NextStageDay;
        var stage = agents.Stage;
        var kept = 0;
        for (var k = 0; k < infected.Count; k++)
        {
            var agent = infected[k];
            if (nextStageDay[agent] <= day)
            {
                var before = stage[agent];
                history.Advance(agents, agent, day, state.Seed);
                state.Details.Events?.Add(new PersonEvent(day, agent, PersonEventKind.Stage, (byte)before, (byte)stage[agent], "progression"));
            }
            if (DiseaseStages.IsInfected(stage[agent]))
            {
                infected[kept++] = agent;
            }
        }
        infected.RemoveRange(kept, infected.Count - kept);
    }
}
