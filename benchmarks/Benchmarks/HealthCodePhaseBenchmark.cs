using BenchmarkDotNet.Attributes;
using Hcsim.Engine.Phases;

namespace Hcsim.Benchmarks;

/// <summary>
/// The health-code phase (rules, actions, tracing, samples) on day 35 of a mid-epidemic run, single-threaded. The phase
/// consumes its work (traces and results due that day), so every invocation starts from a fresh state: the setup
/// rebuilds the run, advances it to day 35 and runs that day's earlier phases, and each iteration invokes the phase once.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class HealthCodePhaseBenchmark
{
    private MidEpidemic _epidemic = null!;
    private IDayPhase _healthCode = null!;

    [ParamsSource(typeof(BenchmarkPopulations), nameof(BenchmarkPopulations.Sizes))]
    public int People { get; set; }

    [IterationSetup]
    public void Setup()
    {
        _epidemic = new MidEpidemic(People);
        var phases = _epidemic.Run.Phases;
        foreach (var phase in phases.TakeWhile(p => p is not HealthCodePhase))
        {
            phase.Step(_epidemic.Run.State, MidEpidemic.Day);
        }
        _healthCode = phases.OfType<HealthCodePhase>().Single();
        if (!_epidemic.Run.State.Traces.HasDue(MidEpidemic.Day) && _epidemic.Run.State.TestResults.Count == 0)
        {
            throw new InvalidOperationException("the benchmark day should have traces or test results to process");
        }
    }

    [Benchmark(Description = "HealthCode (rules and tracing), fresh day 35")]
    public void HealthCode() => _healthCode.Step(_epidemic.Run.State, MidEpidemic.Day);
}
