using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Importation;

/// <summary>
/// Infections arriving from outside: each day the part draws how many arrive (<see cref="ImportationCount"/>) and infects
/// that many susceptible residents chosen uniformly at random (stream <see cref="RngStream.Importation"/>, draw k picks
/// person Below(seed, Importation, day, k, 1, N); people not susceptible are skipped, at most
/// <see cref="TriesPerImport"/> draws per wanted infection). They count in <c>new_infections</c> and in the part's own
/// column <c>imported_infections</c>. It runs first in the day, like the initial infections, so those infected on day d
/// progress from day d + 1 on.
/// </summary>
public sealed class ImportationPhase : IDayPhase
{
    public const double MaxDailyRate = 500;
    /// <summary>Draws per wanted infection before giving up (nobody, or almost nobody, is left susceptible).</summary>
    public const int TriesPerImport = 100;
    public static readonly ImmutableArray<string> Distributions = ["poisson", "fixed"];

    /// <summary>The part's daily column.</summary>
    public static readonly PartColumn ImportedInfections = new("imported_infections",
        "People infected from outside today (importations), included in new_infections; present only when the scenario has an importations section.");

    private readonly ImportationCount _count;
    private readonly NaturalHistory _history;
    private readonly int[] _imported;
    private readonly List<int> _chosen = [];

    /// <param name="imported">The run's <see cref="ImportedInfections"/> column.</param>
    public ImportationPhase(ImportationsConfig config, NaturalHistory history, int[] imported)
    {
        _count = new ImportationCount(config);
        _history = history;
        _imported = imported;
    }

    public string Name => "importation";

    /// <summary>Whether importations may still arrive after <paramref name="day"/> (a run is not clear before that).</summary>
    public bool ExpectsAfter(int day) => _count.ExpectsAfter(day);

    public void Step(SimulationState state, int day)
    {
        var wanted = _count.On(day, state.Seed);
        if (wanted == 0)
        {
            return;
        }
        var agents = state.Agents;
        _chosen.Clear();
        for (var draw = 0; _chosen.Count < wanted && draw < wanted * TriesPerImport; draw++)
        {
            var agent = CounterRng.Below(state.Seed, RngStream.Importation, day, draw, 1, agents.Size);
            if (agents.Stage[agent] == DiseaseStage.Susceptible)
            {
                _history.Infect(agents, agent, day, state.Seed);
                _chosen.Add(agent);
            }
        }
        _chosen.Sort();
        foreach (var agent in _chosen)
        {
            state.Details.Events?.Add(new PersonEvent(day, agent, PersonEventKind.Stage, (byte)DiseaseStage.Susceptible, (byte)DiseaseStage.Exposed, "imported"));
        }
        state.Infected.AddRange(_chosen);
        state.Today.NewInfections += _chosen.Count;
        _imported[day] = _chosen.Count;
    }
}
