using System.Globalization;

namespace Hcsim.Benchmarks;

/// <summary>
/// Population sizes the benchmarks run at: 100k and 1M by default; the environment variable HCSIM_BENCH_SIZES
/// (comma-separated) overrides them, so CI can prove the benchmarks still run on a small population in seconds.
/// </summary>
public static class BenchmarkPopulations
{
    public static IEnumerable<int> Sizes()
    {
        var text = Environment.GetEnvironmentVariable("HCSIM_BENCH_SIZES");
        return string.IsNullOrWhiteSpace(text)
            ? [100_000, 1_000_000]
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture));
    }
}
