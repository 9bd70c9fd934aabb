using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests;

/// <summary>Small hand-built worlds and a deterministic model around the shipped 2020 policy, for rule-level tests.</summary>
internal static class TinyWorlds
{
    public const byte Green = 0;
    public const byte Yellow = 1;
    public const byte Red = 2;

    /// <summary>Households of the given sizes; everybody aged 30; optionally everyone in one workplace.</summary>
    public static World Households(int[] sizes, bool sharedWorkplace = false)
    {
        var n = sizes.Sum();
        var work = Enumerable.Repeat(sharedWorkplace ? 0 : -1, n).ToArray();
        return World.FromParts(Enumerable.Repeat((byte)30, n).ToArray(), sizes, work, Enumerable.Repeat(-1, n).ToArray(), []);
    }

    /// <summary>
    /// The default scenario's baseline model (the 2020 rules as shipped) made deterministic: no transmission, no
    /// background fever, no initial infections, everyone checks in and reports fever, and a perfect PCR with a 1-day
    /// turnaround.
    /// </summary>
    public static ModelConfig Deterministic2020(int days = 40) =>
        ScenarioLoader.LoadDefault([]).Variants[0].Model with
        {
            Days = days,
            Layers = new LayersConfig
            {
                Household = new LayerConfig { Beta = 0 },
                Work = new LayerConfig { ContactsPerDay = 100, Beta = 0 },
                School = new LayerConfig { Beta = 0 },
                Community = new LayerConfig { Beta = 0 },
            },
            Disease = new DiseaseConfig { InitialInfected = 0 },
            BackgroundIllness = new BackgroundIllnessConfig { DailyRate = 0 },
            Checkin = new CheckInConfig { Probability = 1, FeverReportProbability = 1 },
            Tests = ImmutableDictionary<string, TestKindConfig>.Empty.Add("pcr",
                new TestKindConfig { Sensitivity = 1, Specificity = 1, TurnaroundDays = 1 }),
        };

    public static SimulationRun Run(World world, ModelConfig model, ulong seed = 7, int threads = 1) =>
        new(world, model, seed, new ParallelOptions { MaxDegreeOfParallelism = threads });

    /// <summary>
    /// A run of <paramref name="model"/> on <paramref name="world"/> in which agent 0 is symptomatic with fever from day 0
    /// (until day 60) and the infections are seeded: the one confirmed case of the hand-built tracing tests.
    /// </summary>
    public static SimulationRun RunWithFeverCase(World world, ModelConfig model)
    {
        var run = Run(world, model);
        var agents = run.State.Agents;
        agents.Stage[0] = DiseaseStage.Symptomatic;
        agents.InfectedDay[0] = AgentState.Day(0);
        agents.NextStageDay[0] = 60;
        agents.FeverEndDay[0] = 60;
        run.SeedInfections();
        return run;
    }
}
