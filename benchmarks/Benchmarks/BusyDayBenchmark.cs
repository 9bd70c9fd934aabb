using BenchmarkDotNet.Attributes;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Benchmarks;

/// <summary>
/// What a steady-state simulated day allocates, part by part (issue 17): benchmarks/busy-day.yaml (venues with
/// co-location flagging, districts, mass testing, finite beds, tracers and lab, importations, a health score) at 50,000
/// people, single-threaded, warmed up to day <see cref="FirstDay"/> (after its epidemic's peak on day 32, with tracing
/// and testing still busy). Each iteration is the next simulated day of the same run: the parts before <see cref="Part"/>
/// run in the iteration setup, the part itself is measured, the parts after it run in the cleanup; <c>day</c> measures
/// the whole day. Run with <c>--job short</c>: the run has 80 days.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class BusyDayBenchmark
{
    public const string WholeDay = "day";
    public const int FirstDay = 55;
    private const int People = 50_000;

    private SimulationRun _run = null!;
    private int _days;
    private int _day;
    private int _part;

    [ParamsSource(nameof(Parts))]
    public string Part { get; set; } = WholeDay;

    /// <summary>The whole day, then each part the scenario switches on, in day-loop order.</summary>
    public static IEnumerable<string> Parts() =>
        [WholeDay, .. Build(Model(1_000)).Phases.Select(p => p.Name)];

    [GlobalSetup]
    public void Setup()
    {
        var model = Model(People);
        _days = model.Days;
        _run = Build(model);
        _part = Part == WholeDay ? -1 : _run.Phases.Select(p => p.Name).ToList().IndexOf(Part);
        _run.SeedInfections();
        for (_day = 0; _day < FirstDay; _day++)
        {
            _run.RunDay(_day);
        }
    }

    [IterationSetup]
    public void Before()
    {
        if (_day >= _days)
        {
            throw new InvalidOperationException($"the run's {_days} days are used up: run this benchmark with --job short");
        }
        for (var p = 0; p < _part; p++)
        {
            _run.Phases[p].Step(_run.State, _day);
        }
    }

    [Benchmark(Description = "one part of a busy steady-state day")]
    public void Step()
    {
        if (_part < 0)
        {
            _run.RunDay(_day);
            return;
        }
        _run.Phases[_part].Step(_run.State, _day);
    }

    [IterationCleanup]
    public void After()
    {
        if (_part >= 0)
        {
            for (var p = _part + 1; p < _run.Phases.Count; p++)
            {
                _run.Phases[p].Step(_run.State, _day);
            }
        }
        _day++;
    }

    private static ModelConfig Model(int people) =>
        ScenarioLoader.LoadFile(BenchmarkScenario.BusyDayPath, [$"population.size={people}"]).Variants[0].Model;

    private static SimulationRun Build(ModelConfig model) =>
        new(WorldBuilder.Build(model.Population, 1), model, 7, new ParallelOptions { MaxDegreeOfParallelism = 1 });
}
