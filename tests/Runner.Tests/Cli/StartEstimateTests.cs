using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Tests.Output;

namespace Hcsim.Runner.Tests.Cli;

/// <summary>
/// Memory and time before starting: available memory (not the machine's total) from fake /proc and cgroup files, the
/// run-time cost model, and the time limit that asks for --yes. No test depends on this machine's speed or memory.
/// </summary>
public sealed class StartEstimateTests : IDisposable
{
    private static readonly string[] Tiny = ["--set", "population.size=1000", "--set", "days=5", "--set", "replicates=1", "--threads", "1", "--quiet"];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Out(string name) => Path.Combine(_temp.Path, name);

    private void WriteFile(string relative, string text)
    {
        var path = Path.Combine(_temp.Path, "root", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string Root => Path.Combine(_temp.Path, "root");

    private static async Task<(int Code, string Output, string Error)> Run(string[] args, TextReader? input = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(output, error, interactive: false, input));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Measure_MemAvailableBelowTotal_UsesWhatIsAvailableNow()
    {
        WriteFile("proc/meminfo", "MemTotal:       24000000 kB\nMemFree:         1000000 kB\nMemAvailable:    2000000 kB\n");

        var available = AvailableMemory.Measure(Root);

        Assert.Equal(2_000_000L * 1024, available.Bytes);
        Assert.Contains("MemAvailable", available.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_CgroupV2LimitTighterThanTheMachine_UsesTheLimitLessItsUse()
    {
        WriteFile("proc/meminfo", "MemTotal:       24000000 kB\nMemAvailable:   20000000 kB\n");
        WriteFile("proc/self/cgroup", "0::/job\n");
        WriteFile("sys/fs/cgroup/job/memory.max", "4294967296\n");
        WriteFile("sys/fs/cgroup/job/memory.current", "1073741824\n");

        var available = AvailableMemory.Measure(Root);

        Assert.Equal(3L << 30, available.Bytes);
        Assert.Contains("cgroup", available.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_CgroupWithoutLimit_UsesMemAvailable()
    {
        WriteFile("proc/meminfo", "MemAvailable:   1000 kB\n");
        WriteFile("sys/fs/cgroup/memory.max", "max\n");
        WriteFile("sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");

        Assert.Equal(1000L * 1024, AvailableMemory.Measure(Root).Bytes);
    }

    [Fact]
    public void Measure_NoProcFiles_FallsBackToTheRuntime()
    {
        var available = AvailableMemory.Measure(Root);

        Assert.Equal(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, available.Bytes);
    }

    [Fact]
    public void For_MoreDaysOrFewerThreads_TakesLonger()
    {
        var scenario = ScenarioLoader.LoadDefault(["population.size=1000000", "days=100", "replicates=1"]);
        var longer = ScenarioLoader.LoadDefault(["population.size=1000000", "days=200", "replicates=1"]);

        var oneThread = RunTimeEstimate.For(scenario, threads: 1, processors: 8);
        var twoThreads = RunTimeEstimate.For(scenario, threads: 2, processors: 8);
        var moreThreadsThanProcessors = RunTimeEstimate.For(scenario, threads: 64, processors: 2);

        Assert.Equal(1e6 * 100 * scenario.Variants.Length, oneThread.PersonDays);
        Assert.True(RunTimeEstimate.For(longer, 1, 8).Seconds > oneThread.Seconds, "twice the days should take longer");
        Assert.True(twoThreads.Seconds < oneThread.Seconds, "two threads should be estimated faster than one");
        Assert.Equal(2, moreThreadsThanProcessors.Cores);
    }

    [Fact]
    public void For_Bench1mSizedRun_MatchesTheMeasuredSpeedWithinAFactorOfTwo()
    {
        // docs/performance.md: one variant of 1 million people for 100 days, 2 threads: 5.2 to 6.3 s whole process.
        var scenario = ScenarioLoader.LoadDefault(["population.size=1000000", "days=100", "replicates=1"]);
        var oneVariant = RunTimeEstimate.For(scenario, 2, 2) with { PersonDays = 1e8 };

        Assert.InRange(oneVariant.Seconds, 5.7 / 2, 5.7 * 2);
    }

    [Fact]
    public async Task Run_EstimateAboveMaxMinutesWithNobodyToAsk_IsRefusedBeforeAnythingIsWritten()
    {
        // Every run has a fixed start-up of seconds, so a limit of a fraction of a second is exceeded on any machine.
        var (code, _, error) = await Run(["run", "--out", Out("slow"), "--max-minutes", "0.0001", .. Tiny]);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("estimated run time about", error, StringComparison.Ordinal);
        Assert.Contains("more than --max-minutes 0", error, StringComparison.Ordinal);
        Assert.Contains("pass --yes", error, StringComparison.Ordinal);
        Assert.Empty(_temp.Entries());
    }

    [Fact]
    public async Task Run_EstimateAboveMaxMinutesWithYes_RunsAndSaidTheEstimateFirst()
    {
        var (code, _, error) = await Run(["run", "--out", Out("yes"), "--max-minutes", "0.0001", "--yes", .. Tiny]);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("estimated memory", error, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Out("yes")), "the run should have written its results");
    }

    [Theory]
    [InlineData("y\n", ExitCodes.Ok)]
    [InlineData("n\n", ExitCodes.InvalidInput)]
    [InlineData("", ExitCodes.InvalidInput)]
    public async Task Run_EstimateAboveMaxMinutesAtATerminal_AsksAndFollowsTheAnswer(string answer, int expected)
    {
        using var input = new StringReader(answer);

        var (code, _, error) = await Run(["run", "--out", Out("ask"), "--max-minutes", "0.0001", .. Tiny], input);

        Assert.True(code == expected, error);
        Assert.Contains("start it anyway? [y/N]", error, StringComparison.Ordinal);
        Assert.Equal(expected == ExitCodes.Ok, Directory.Exists(Out("ask")));
    }

    [Fact]
    public async Task Validate_Scenario_PrintsTheMemoryAndTimeEstimate()
    {
        var (code, output, error) = await Run(["validate", "--set", "population.size=100000", Path.Combine(ScenariosFolder(), "default.yaml")]);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("estimated memory", output, StringComparison.Ordinal);
        Assert.Contains("available", output, StringComparison.Ordinal);
        Assert.Contains("estimated run time about", output, StringComparison.Ordinal);
        Assert.Contains("person-days", output, StringComparison.Ordinal);
    }

    private static string ScenariosFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !Directory.Exists(Path.Combine(folder.FullName, "scenarios")))
        {
            folder = folder.Parent;
        }
        Assert.NotNull(folder);
        return Path.Combine(folder.FullName, "scenarios");
    }
}
