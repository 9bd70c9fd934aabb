using Hcsim.Engine.Agents;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Disease;

/// <summary>
/// The course of one infection: which path it takes (drawn at infection) and how long each stage lasts (drawn at
/// entry to the stage). Draws use stream <see cref="RngStream.Progression"/> keyed by (infection day, agent, draw
/// number), so the course of a person infected on the same day is the same in every variant.
/// </summary>
public sealed class NaturalHistory
{
    private const int DrawCourse = 0;
    private const int DrawFever = 1;
    private const int DrawDeath = 2;
    private const int DrawLatent = 3;
    private const int DrawSecondStage = 4;
    private const int DrawSymptomatic = 5;

    private readonly DurationTable _latent;
    private readonly DurationTable _presymptomatic;
    private readonly DurationTable _symptomatic;
    private readonly DurationTable _asymptomatic;
    private readonly double _asymptomaticShare;
    private readonly double _feverProbability;
    private readonly double _deathProbability;

    public NaturalHistory(DiseaseConfig config)
    {
        _latent = new DurationTable(config.LatentDays);
        _presymptomatic = new DurationTable(config.PresymptomaticDays);
        _symptomatic = new DurationTable(config.SymptomaticDays);
        _asymptomatic = new DurationTable(config.AsymptomaticDays);
        _asymptomaticShare = config.AsymptomaticShare;
        _feverProbability = config.FeverProbability;
        _deathProbability = config.DeathProbability;
    }

    /// <summary>Makes a susceptible agent exposed on <paramref name="day"/>.</summary>
    public void Infect(AgentState state, int agent, int day, ulong seed)
    {
        var marks = state.Marks[agent] & ~AgentMarks.Course;
        if (CounterRng.Uniform(seed, RngStream.Progression, day, agent, DrawCourse) < _asymptomaticShare)
        {
            marks |= AgentMarks.Asymptomatic;
        }
        else
        {
            if (CounterRng.Uniform(seed, RngStream.Progression, day, agent, DrawFever) < _feverProbability)
            {
                marks |= AgentMarks.FeverCourse;
            }
            if (CounterRng.Uniform(seed, RngStream.Progression, day, agent, DrawDeath) < _deathProbability)
            {
                marks |= AgentMarks.DeathCourse;
            }
        }
        state.Marks[agent] = marks;
        state.Stage[agent] = DiseaseStage.Exposed;
        state.InfectedDay[agent] = AgentState.Day(day);
        state.NextStageDay[agent] = AgentState.Day(day + _latent.Sample(CounterRng.Uniform(seed, RngStream.Progression, day, agent, DrawLatent)));
    }

    /// <summary>Moves an infected agent whose next transition is due on <paramref name="day"/> to its next stage.</summary>
    public void Advance(AgentState state, int agent, int day, ulong seed)
    {
        var infectedDay = state.InfectedDay[agent];
        var marks = state.Marks[agent];
        switch (state.Stage[agent])
        {
            case DiseaseStage.Exposed:
                var asymptomatic = (marks & AgentMarks.Asymptomatic) != 0;
                var table = asymptomatic ? _asymptomatic : _presymptomatic;
                state.Stage[agent] = asymptomatic ? DiseaseStage.Asymptomatic : DiseaseStage.Presymptomatic;
                state.NextStageDay[agent] = AgentState.Day(day + table.Sample(CounterRng.Uniform(seed, RngStream.Progression, infectedDay, agent, DrawSecondStage)));
                break;
            case DiseaseStage.Presymptomatic:
                var symptomaticDays = _symptomatic.Sample(CounterRng.Uniform(seed, RngStream.Progression, infectedDay, agent, DrawSymptomatic));
                state.Stage[agent] = DiseaseStage.Symptomatic;
                state.NextStageDay[agent] = AgentState.Day(day + symptomaticDays);
                if ((marks & AgentMarks.FeverCourse) != 0)
                {
                    state.FeverEndDay[agent] = AgentState.Day(Math.Max(state.FeverEndDay[agent], day + symptomaticDays));
                }
                break;
            case DiseaseStage.Symptomatic:
                state.Stage[agent] = (marks & AgentMarks.DeathCourse) != 0 ? DiseaseStage.Dead : DiseaseStage.Recovered;
                state.NextStageDay[agent] = AgentState.Never;
                break;
            case DiseaseStage.Asymptomatic:
                state.Stage[agent] = DiseaseStage.Recovered;
                state.NextStageDay[agent] = AgentState.Never;
                break;
        }
    }
}
