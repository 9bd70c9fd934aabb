using BenchmarkDotNet.Attributes;
using Hcsim.Engine.Phases;

namespace Hcsim.Benchmarks;

/// <summary>
/// One step of each phase on a mid-epidemic state (<see cref="MidEpidemic"/>), single-threaded. Each invocation steps
/// the same day again on the state the previous one left, which is close to steady state for check-ins, rules and
/// metrics; transmission keeps infecting (slightly more work each time) and progression finds little due after the
/// first step, so read those two together with the whole-day benchmark. The health-code phase consumes its day's work,
/// so it has its own benchmark that restores the state per invocation (<see cref="HealthCodePhaseBenchmark"/>).
/// </summary>
[MemoryDiagnoser]
public class PhaseBenchmarks
{
    private MidEpidemic _epidemic = null!;

    [ParamsSource(typeof(BenchmarkPopulations), nameof(BenchmarkPopulations.Sizes))]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup() => _epidemic = new MidEpidemic(People);

    private void Step<TPhase>() where TPhase : IDayPhase =>
        _epidemic.Run.Phases.OfType<TPhase>().Single().Step(_epidemic.Run.State, MidEpidemic.Day);

    [Benchmark]
    public void Progression() => Step<ProgressionPhase>();

    [Benchmark]
    public void Transmission() => Step<TransmissionPhase>();

    [Benchmark]
    public void BackgroundIllness() => Step<BackgroundIllnessPhase>();

    [Benchmark]
    public void CheckIns() => Step<CheckInPhase>();

    [Benchmark(Baseline = true)]
    public void Metrics() => Step<MetricsPhase>();
}
