namespace Hcsim.Benchmarks;

/// <summary>Finds scenarios/bench-1m.yaml from wherever BenchmarkDotNet runs the benchmark process.</summary>
public static class BenchmarkScenario
{
    public static string Path { get; } = Find();

    /// <summary>benchmarks/busy-day.yaml: every single-region mechanism at once (<see cref="BusyDayBenchmark"/>).</summary>
    public static string BusyDayPath { get; } = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(Path)!)!, "benchmarks", "busy-day.yaml");

    private static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "Simulator.sln")))
        {
            folder = folder.Parent;
        }
        return folder is null
            ? throw new FileNotFoundException("cannot find the repository (Simulator.sln) above " + AppContext.BaseDirectory)
            : System.IO.Path.Combine(folder.FullName, "scenarios", "bench-1m.yaml");
    }
}
