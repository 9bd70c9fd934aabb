using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Phases;

/// <summary>
/// Fevers from other causes. Instead of a draw per person per day, the next person to fall ill is found by a geometric
/// skip (stream <see cref="RngStream.BackgroundIllness"/>, keyed by day and skip number), which gives exactly the same
/// distribution as a Bernoulli(rate) per person at a cost proportional to the number of fevers. A chosen person who is
/// infected or already has fever is left alone.
/// </summary>
public sealed class BackgroundIllnessPhase(BackgroundIllnessConfig config) : IDayPhase
{
    public string Name => "background_illness";

    public void Step(SimulationState state, int day)
    {
        var rate = config.DailyRate;
        if (rate <= 0)
        {
            return;
        }
        var agents = state.Agents;
        var size = agents.Size;
        var logMiss = rate >= 1 ? double.NegativeInfinity : Math.Log(1 - rate);
        var draw = 0;
        var agent = -1;
        while (true)
        {
            var u = CounterRng.Uniform(state.Seed, RngStream.BackgroundIllness, day, draw++);
            // Number of people skipped before the next one who falls ill: floor(ln(1-u) / ln(1-rate)).
            var skip = rate >= 1 ? 0 : Math.Floor(Math.Log(1 - u) / logMiss);
            if (skip >= size - agent - 1)
            {
                return;
            }
            agent += (int)skip + 1;
            var stage = agents.Stage[agent];
            if (DiseaseStages.IsUninfected(stage) && agents.FeverEndDay[agent] <= day)
            {
                agents.FeverEndDay[agent] = AgentState.Day(day + config.FeverDays);
            }
        }
    }
}
