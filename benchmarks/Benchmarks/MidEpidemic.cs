using Hcsim.Engine.Agents;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Benchmarks;

/// <summary>
/// A run of scenarios/bench-1m.yaml's model (2020 policy, an epidemic that escapes the codes) at a given size, advanced
/// to day 35, when many people are infectious, flagged and confined: the state the phase benchmarks step from.
/// </summary>
public sealed class MidEpidemic
{
    public const int Day = 35;

    public MidEpidemic(int people, int threads = 1)
    {
        Model = ScenarioLoader.LoadFile(BenchmarkScenario.Path, [$"population.size={people}"]).Variants[0].Model;
        World = WorldBuilder.Build(Model.Population, 1);
        Run = new SimulationRun(World, Model, 7, new ParallelOptions { MaxDegreeOfParallelism = threads });
        Run.SeedInfections();
        for (var day = 0; day < Day; day++)
        {
            Run.RunDay(day);
        }
    }

    public ModelConfig Model { get; }
    public World World { get; }
    public SimulationRun Run { get; }
}
