using BenchmarkDotNet.Attributes;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Benchmarks;

/// <summary>Whole simulated days of the default scenario's baseline model, by population size.</summary>
[MemoryDiagnoser]
public class DayLoopBenchmark
{
    private World _world = null!;
    private ModelConfig _model = null!;

    [Params(100_000)]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = ScenarioLoader.LoadDefault([$"population.size={People}", "days=30"]).Variants[0].Model;
        _world = WorldBuilder.Build(_model.Population, 1);
    }

    [Benchmark(Baseline = true, Description = "30 days, 2020 policy")]
    public int ThirtyDays()
    {
        var run = new SimulationRun(_world, _model, 7, new ParallelOptions { MaxDegreeOfParallelism = 1 });
        return run.Run("b", 0, 0).Summary.TotalInfections;
    }
}
