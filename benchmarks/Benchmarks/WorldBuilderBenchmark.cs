using BenchmarkDotNet.Attributes;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Benchmarks;

/// <summary>Building the synthetic population (households, groups, community graph) of bench-1m.yaml.</summary>
[MemoryDiagnoser]
public class WorldBuilderBenchmark
{
    private PopulationConfig _population = null!;

    [ParamsSource(typeof(BenchmarkPopulations), nameof(BenchmarkPopulations.Sizes))]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _population = ScenarioLoader.LoadFile(BenchmarkScenario.Path, [$"population.size={People}"]).Variants[0].Model.Population;

    [Benchmark(Baseline = true)]
    public World Build() => WorldBuilder.Build(_population, 1);
}
