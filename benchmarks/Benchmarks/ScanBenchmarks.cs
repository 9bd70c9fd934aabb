using BenchmarkDotNet.Attributes;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Rules;
using Hcsim.Engine.Tracing;

namespace Hcsim.Benchmarks;

/// <summary>
/// The daily passes over the whole population (issue 17, "work only where work is"), single-threaded, on the
/// mid-epidemic state (<see cref="MidEpidemic"/>): the check-ins, the metrics count and the rules' first round of
/// evaluation (checkin and daily rules over everybody, plus the day's fever reports and test results; evaluation only
/// reads the state, so every invocation does the same work). Check-ins and metrics step the same day again, as in
/// <see cref="PhaseBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private MidEpidemic _epidemic = null!;
    private RuleEvaluator _evaluator = null!;
    private readonly List<TracedEvent> _noTraces = [];

    [ParamsSource(typeof(BenchmarkPopulations), nameof(BenchmarkPopulations.Sizes))]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _epidemic = new MidEpidemic(People);
        _evaluator = new RuleEvaluator(_epidemic.Run.Policy);
        // The day's check-ins, so that checkin rules see who checked in today.
        _epidemic.Run.Phases.OfType<CheckInPhase>().Single().Step(_epidemic.Run.State, MidEpidemic.Day);
    }

    private void Step<TPhase>() where TPhase : IDayPhase =>
        _epidemic.Run.Phases.OfType<TPhase>().Single().Step(_epidemic.Run.State, MidEpidemic.Day);

    [Benchmark]
    public void CheckIns() => Step<CheckInPhase>();

    [Benchmark(Baseline = true)]
    public void Metrics() => Step<MetricsPhase>();

    [Benchmark]
    public int RuleEvaluation() => _evaluator.Evaluate(_epidemic.Run.State, MidEpidemic.Day, _noTraces, allTriggers: true).Count;
}
