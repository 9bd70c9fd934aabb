using BenchmarkDotNet.Attributes;
using Hcsim.Engine.Metrics;
using Hcsim.Runner.Output;

namespace Hcsim.Benchmarks;

/// <summary>Writing daily.parquet: runs of 100 days each, rows = runs x 100 (100k and 1M rows by default).</summary>
[MemoryDiagnoser]
public class ParquetWriteBenchmark
{
    private const int Days = 100;
    private List<RunResult> _runs = [];
    private IReadOnlyList<string> _columns = [];

    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _runs = [];
        for (var r = 0; r < Rows / Days; r++)
        {
            var daily = new DailyMetrics(Days, ["green", "yellow", "red"]);
            foreach (var column in daily.Columns())
            {
                for (var d = 0; d < Days; d++)
                {
                    column.Values[d] = (r * 7919 + d * 104729 + column.Name.Length) % 100_000;
                }
            }
            _runs.Add(new RunResult
            {
                Variant = "variant-" + (r % 4),
                VariantIndex = r % 4,
                Replicate = r / 4,
                Daily = daily,
                Summary = null!,
                PhaseTimes = new Dictionary<string, TimeSpan>(),
            });
        }
        _columns = [.. _runs[0].Daily.Columns().Select(c => c.Name)];
    }

    [Benchmark(Baseline = true)]
    public async Task<long> WriteDaily()
    {
        using var stream = new MemoryStream();
        await using (var writer = await DailyParquetWriter.CreateAsync(stream, _columns, CancellationToken.None))
        {
            foreach (var run in _runs)
            {
                await writer.WriteRunAsync(run, CancellationToken.None);
            }
        }
        return stream.Length;
    }
}
