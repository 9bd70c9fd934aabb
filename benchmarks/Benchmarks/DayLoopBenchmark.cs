using BenchmarkDotNet.Attributes;

namespace Hcsim.Benchmarks;

/// <summary>Whole simulated days from the mid-epidemic state: every phase in loop order, single-threaded.</summary>
[MemoryDiagnoser]
public class DayLoopBenchmark
{
    private MidEpidemic _epidemic = null!;
    private int _day;

    [ParamsSource(typeof(BenchmarkPopulations), nameof(BenchmarkPopulations.Sizes))]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _epidemic = new MidEpidemic(People);
        _day = MidEpidemic.Day;
    }

    [Benchmark(Baseline = true, Description = "one simulated day")]
    public void OneDay()
    {
        // Days advance until the run's configured end, then the last day repeats: the state stays a late epidemic.
        _epidemic.Run.RunDay(_day);
        _day = Math.Min(_day + 1, _epidemic.Model.Days - 1);
    }
}
