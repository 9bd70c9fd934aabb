using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Validation;

/// <summary>
/// SIR-shaped models and worlds for the epidemic validation: every infection is "asymptomatic" with infectiousness 1,
/// a fixed latent period of 1 day and a fixed infectious period, no codes, no background fever. Because progression
/// runs before transmission, an infectious stage of D days is exactly D days of transmission, so the per-pair (or
/// per-edge) transmissibility is T = 1 - (1 - daily probability)^D.
/// </summary>
internal static class SirModels
{
    private static readonly DurationConfig OneDay = new() { Distribution = "fixed", MeanDays = 1 };

    public static ModelConfig Sir(LayersConfig layers, int infectiousDays, int initialInfected, int days) => new()
    {
        Days = days,
        Layers = layers,
        Disease = new DiseaseConfig
        {
            InitialInfected = initialInfected,
            LatentDays = OneDay,
            AsymptomaticDays = new DurationConfig { Distribution = "fixed", MeanDays = infectiousDays },
            AsymptomaticShare = 1,
            Infectiousness = new InfectiousnessConfig { Asymptomatic = 1 },
        },
        BackgroundIllness = new BackgroundIllnessConfig { DailyRate = 0 },
        Policy = new PolicyConfig { Enabled = false },
    };

    /// <summary>Only the given layer transmits; the others have beta 0 (and so are never even scanned).</summary>
    public static LayersConfig OnlyWork(double contactsPerDay, double beta) => new()
    {
        Household = new LayerConfig { Beta = 0 },
        Work = new LayerConfig { ContactsPerDay = contactsPerDay, Beta = beta },
        School = new LayerConfig { Beta = 0 },
        Community = new LayerConfig { Beta = 0 },
    };

    public static LayersConfig OnlyCommunity(double contactsPerDay, double beta) => new()
    {
        Household = new LayerConfig { Beta = 0 },
        Work = new LayerConfig { Beta = 0 },
        School = new LayerConfig { Beta = 0 },
        Community = new LayerConfig { ContactsPerDay = contactsPerDay, Beta = beta },
    };

    /// <summary>Everyone alone in a household and all in one workplace: each pair meets with the same daily probability.</summary>
    public static World WellMixed(int size) => World.FromParts(
        Enumerable.Repeat((byte)30, size).ToArray(),
        Enumerable.Repeat(1, size).ToArray(),
        new int[size],
        Enumerable.Repeat(-1, size).ToArray(),
        []);

    /// <summary>Everyone alone in a household, no groups, and the given community edges.</summary>
    public static World Graph(int size, (int A, int B)[] edges) => World.FromParts(
        Enumerable.Repeat((byte)30, size).ToArray(),
        Enumerable.Repeat(1, size).ToArray(),
        Enumerable.Repeat(-1, size).ToArray(),
        Enumerable.Repeat(-1, size).ToArray(),
        edges);

    /// <summary>
    /// Runs until nobody is infected (or the model's last day) and returns the share of people ever infected.
    /// Stopping early changes nothing: with no infected person and no codes, later days cannot change who was infected.
    /// </summary>
    public static double AttackRate(World world, ModelConfig model, ulong seed)
    {
        var run = new SimulationRun(world, model, seed, new ParallelOptions { MaxDegreeOfParallelism = 1 });
        run.SeedInfections();
        for (var day = 0; day < model.Days && run.State.Infected.Count > 0; day++)
        {
            run.RunDay(day);
        }
        var stage = run.State.Agents.Stage;
        var ever = 0;
        for (var i = 0; i < stage.Length; i++)
        {
            if (stage[i] != DiseaseStage.Susceptible)
            {
                ever++;
            }
        }
        return (double)ever / stage.Length;
    }

    /// <summary>Runs replicates in parallel (each run single-threaded; results are by replicate index, so order-free).</summary>
    public static double[] AttackRates(World world, ModelConfig model, int replicates, ulong firstSeed)
    {
        var rates = new double[replicates];
        Parallel.For(0, replicates, r => rates[r] = AttackRate(world, model, firstSeed + (ulong)r));
        return rates;
    }
}
