using System.Diagnostics;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Simulation;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;
using Hcsim.Runner.Tests.Output;

namespace Hcsim.Runner.Tests.Cli;

/// <summary>
/// Faults while running: interruption (in-process cancellation and a real kill), resuming, a full disk (also while the
/// plots are drawn), an unwritable folder, a second run to a folder in use, a scenario too big for the machine, more
/// threads than cores (progress must still advance). Every case checks the exit code, the one-line message, and that
/// earlier results are intact. Kills during the final commit are in <see cref="CommitKillTests"/>.
/// </summary>
public sealed class FaultTests : IDisposable
{
    // 12 runs of a small city: long enough to interrupt half-way, short enough for CI.
    private static readonly string[] Small =
        ["--set", "population.size=20000", "--set", "days=50", "--set", "replicates=3", "--threads", "1", "--quiet"];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Out(string name) => Path.Combine(_temp.Path, name);

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(output, error, interactive: false));
        return (code, output.ToString(), error.ToString());
    }

    private static RunSettings Settings(string target, bool force = false, bool resume = false) => new()
    {
        OutputPath = target,
        Threads = 1,
        Overrides = ["population.size=20000", "days=50", "replicates=3"],
        Force = force,
        Resume = resume,
        Quiet = true,
    };

    private string[] TemporaryFolders(string name) =>
        [.. _temp.Entries().Where(e => e.StartsWith(name + ".tmp-", StringComparison.Ordinal))];

    private void AssertSameResults(string expected, string actual)
    {
        foreach (var file in new[] { ResultsPipeline.DailyFile, ResultsPipeline.SummaryFile })
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))),
                $"{file} of the resumed run should be byte-identical to the uninterrupted run's");
        }
        Assert.False(Directory.Exists(Path.Combine(actual, RunCheckpoints.Folder)), "checkpoints should not end up in the results");
        Assert.False(File.Exists(Path.Combine(actual, OutputFolder.IncompleteFile)), "the INCOMPLETE marker should not end up in the results");
        Assert.False(File.Exists(Path.Combine(actual, RunCheckpoints.IdentityFile)), "resume.json should not end up in the results");
    }

    [Fact]
    public async Task Run_CancelledAfterSomeRuns_KeepsMarkedFolderAndResumeWritesIdenticalFiles()
    {
        var clean = await Run(["run", "--out", Out("clean"), .. Small]);
        Assert.True(clean.Code == ExitCodes.Ok, clean.Error);

        using var cancel = new CancellationTokenSource();
        var checkpointsStarted = 0;
        Stream Create(string path)
        {
            // Interrupt as the fifth finished run is being saved: four or five runs are then on disk.
            if (path.EndsWith(".partial", StringComparison.Ordinal) && Interlocked.Increment(ref checkpointsStarted) == 5)
            {
                cancel.Cancel();
            }
            return new FileStream(path, FileMode.CreateNew);
        }
        using var error = new StringWriter();
        var console = new CliConsole(TextWriter.Null, error, interactive: false);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new RunCommandAction(console, Program.Version, Create).RunAsync(Settings(Out("x")), cancel.Token));

        Assert.False(Directory.Exists(Out("x")), "an interrupted run must not create the target");
        var temporary = Assert.Single(TemporaryFolders("x"));
        var incomplete = File.ReadAllText(Path.Combine(_temp.Path, temporary, OutputFolder.IncompleteFile));
        Assert.Contains("NOT a result", incomplete, StringComparison.Ordinal);
        Assert.Contains("--resume", incomplete, StringComparison.Ordinal);
        Assert.Contains("--resume", error.ToString(), StringComparison.Ordinal);
        var saved = RunCheckpoints.CountIn(Path.Combine(_temp.Path, temporary));
        Assert.True(saved is >= 4 and < 12, $"four or five finished runs should be saved, got {saved}");

        var resumed = await Run(["run", "--out", Out("x"), "--resume", .. Small]);

        Assert.True(resumed.Code == ExitCodes.Ok, resumed.Error);
        Assert.Contains($"{saved} of 12 runs already finished", resumed.Error, StringComparison.Ordinal);
        AssertSameResults(Out("clean"), Out("x"));
        Assert.Empty(TemporaryFolders("x"));
    }

    [Fact]
    public async Task Run_KilledProcess_LeavesIncompleteFolderOnlyAndResumeWritesIdenticalFiles()
    {
        var clean = await Run(["run", "--out", Out("clean"), .. Small]);
        Assert.True(clean.Code == ExitCodes.Ok, clean.Error);
        File.WriteAllText(Path.Combine(_temp.Path, "marker"), "");

        var hcsim = Path.Combine(AppContext.BaseDirectory, "hcsim.dll");
        var start = new ProcessStartInfo(Environment.ProcessPath!, ["exec", hcsim, "run", "--out", Out("k"), .. Small])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited
            && TemporaryFolders("k").Sum(t => RunCheckpoints.CountIn(Path.Combine(_temp.Path, t))) < 3)
        {
            await Task.Delay(10);
        }
        Assert.False(process.HasExited, "the run should still be going when it is killed; make the scenario longer if this fails");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        Assert.False(Directory.Exists(Out("k")), "a killed run must not create the target");
        var temporary = Assert.Single(TemporaryFolders("k"));
        Assert.True(File.Exists(Path.Combine(_temp.Path, temporary, OutputFolder.IncompleteFile)), "the temporary folder should be marked INCOMPLETE");
        Assert.Equal([temporary], OutputFolder.FindStale(Out("k")).Select(f => Path.GetFileName(f)).ToArray());

        var resumed = await Run(["run", "--out", Out("k"), "--resume", .. Small]);

        Assert.True(resumed.Code == ExitCodes.Ok, resumed.Error);
        Assert.Contains("runs already finished", resumed.Error, StringComparison.Ordinal);
        AssertSameResults(Out("clean"), Out("k"));
    }

    [Fact]
    public async Task Run_ResumeWithDifferentSeed_ExitsTwoAndKeepsTheInterruptedRun()
    {
        using var cancel = new CancellationTokenSource();
        Stream Create(string path)
        {
            if (path.EndsWith(".partial", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
            return new FileStream(path, FileMode.CreateNew);
        }
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new RunCommandAction(new CliConsole(TextWriter.Null, TextWriter.Null, false), Program.Version, Create).RunAsync(Settings(Out("s")), cancel.Token));
        var temporary = Assert.Single(TemporaryFolders("s"));

        var (code, _, error) = await Run(["run", "--out", Out("s"), "--resume", "--seed", "7", .. Small]);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("seed=7", error, StringComparison.Ordinal);
        Assert.Contains("no interrupted run matches", error, StringComparison.Ordinal);
        Assert.Equal([temporary], TemporaryFolders("s"));
        Assert.False(Directory.Exists(Out("s")));
    }

    [Fact]
    public async Task Run_ResumeWithNothingToResume_RunsEverythingAndSaysSo()
    {
        var (code, _, error) = await Run(["run", "--out", Out("n"), "--resume", .. Small]);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("no interrupted run", error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out("n"), ResultsPipeline.DailyFile)));
    }

    [Fact]
    public async Task Run_StaleFolderWithoutResume_IsMentionedThenDeletedAfterSuccess()
    {
        var stale = Out("m") + ".tmp-abandoned";
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, OutputFolder.IncompleteFile), "left by a killed run");

        var (code, _, error) = await Run(["run", "--out", Out("m"), .. Small]);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("1 incomplete folder(s)", error, StringComparison.Ordinal);
        Assert.Contains("deleted 1 incomplete folder(s)", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(stale), "the stale folder should be cleaned up once the target holds complete results");
    }

    [Fact]
    public async Task Run_DiskFullWhileWritingDaily_ExitsThreeAndKeepsPreviousResults()
    {
        Directory.CreateDirectory(Out("full"));
        File.WriteAllText(Path.Combine(Out("full"), "daily.parquet"), "previous results");
        Stream Create(string path) =>
            Path.GetFileName(path) == ResultsPipeline.DailyFile ? new FullDiskStream(path, capacity: 2000) : new FileStream(path, FileMode.CreateNew);
        using var error = new StringWriter();
        var action = new RunCommandAction(new CliConsole(TextWriter.Null, error, false), Program.Version, Create);

        var failure = await Assert.ThrowsAsync<OutputWriteException>(() => action.RunAsync(Settings(Out("full"), force: true), CancellationToken.None));

        Assert.Equal(ExitCodes.OutputError, Program.ExitCodeFor(failure));
        Assert.Contains(FullDiskStream.Message, failure.Message, StringComparison.Ordinal);
        Assert.Contains(Out("full"), failure.Message, StringComparison.Ordinal);
        Assert.Contains("untouched", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.Equal("previous results", File.ReadAllText(Path.Combine(Out("full"), "daily.parquet")));
    }

    [Fact]
    public async Task Run_DiskFullWhileSavingCheckpoint_ExitsThreeAndKeepsPreviousResults()
    {
        Directory.CreateDirectory(Out("cp"));
        File.WriteAllText(Path.Combine(Out("cp"), "summary.parquet"), "previous results");
        var saves = 0;
        Stream Create(string path) =>
            path.EndsWith(".partial", StringComparison.Ordinal) && Interlocked.Increment(ref saves) > 2
                ? new FullDiskStream(path, capacity: 100)
                : new FileStream(path, FileMode.CreateNew);
        var action = new RunCommandAction(new CliConsole(TextWriter.Null, TextWriter.Null, false), Program.Version, Create);

        var failure = await Assert.ThrowsAsync<OutputWriteException>(() => action.RunAsync(Settings(Out("cp"), force: true), CancellationToken.None));

        Assert.Equal(ExitCodes.OutputError, Program.ExitCodeFor(failure));
        Assert.Contains(FullDiskStream.Message, failure.Message, StringComparison.Ordinal);
        Assert.Equal("previous results", File.ReadAllText(Path.Combine(Out("cp"), "summary.parquet")));
    }

    [Fact]
    public async Task RunAsync_DiskFullWhileWritingPlots_ExitsThreeNamingTheFileAndSaysWhereTheRunsAreKept()
    {
        if (!File.Exists("/dev/full"))
        {
            return;
        }
        // A real ENOSPC: the epidemic plot's file is a link to /dev/full, which refuses every write as a full disk does.
        Stream Create(string path)
        {
            if (Path.GetFileName(path) == ResultsPipeline.DailyFile)
            {
                var plot = Path.Combine(Path.GetDirectoryName(path)!, Hcsim.Runner.Plots.ResultPlots.EpidemicFile);
                Directory.CreateDirectory(Path.GetDirectoryName(plot)!);
                File.CreateSymbolicLink(plot, "/dev/full");
            }
            return new FileStream(path, FileMode.CreateNew);
        }
        using var error = new StringWriter();
        var action = new RunCommandAction(new CliConsole(TextWriter.Null, error, false), Program.Version, Create);

        var failure = await Assert.ThrowsAsync<OutputWriteException>(() => action.RunAsync(Settings(Out("plots")) with
        {
            Overrides = ["population.size=2000", "days=10", "replicates=1"],
        }, CancellationToken.None));

        Assert.Equal(ExitCodes.OutputError, Program.ExitCodeFor(failure));
        Assert.Contains(FullDiskStream.Message, failure.Message, StringComparison.Ordinal);
        Assert.Contains("epidemic.png", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AggregateException", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        var kept = Assert.Single(TemporaryFolders("plots"));
        Assert.Contains(kept, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--resume", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("delete that folder", error.ToString(), StringComparison.Ordinal);
        var left = Directory.EnumerateFileSystemEntries(Path.Combine(_temp.Path, kept)).Select(e => Path.GetFileName(e)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([OutputFolder.LockFile, OutputFolder.IncompleteFile, RunCheckpoints.IdentityFile, RunCheckpoints.Folder], left);
    }

    [Fact]
    public async Task Run_SameOutputFolderAsALiveRun_StopsBeforeSimulatingAndNamesTheProcess()
    {
        var hcsim = Path.Combine(AppContext.BaseDirectory, "hcsim.dll");
        var start = new ProcessStartInfo(Environment.ProcessPath!, ["exec", hcsim, "run", "--out", Out("busy"), .. Small])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            var owner = Path.Combine(Out("busy") + OutputLock.Suffix, OutputLock.OwnerFileName);
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited && TemporaryFolders("busy").Length == 0)
            {
                await Task.Delay(10);
            }
            Assert.False(process.HasExited, "the first run should still be going; make the scenario longer if this fails");
            Assert.True(File.Exists(owner), "the first run should hold the lock of its output folder");

            var (code, _, error) = await Run(["run", "--out", Out("busy"), .. Small]);

            Assert.Equal(ExitCodes.OutputError, code);
            Assert.Contains($"another hcsim run (pid {process.Id} ", error, StringComparison.Ordinal);
            Assert.Contains("--out", error, StringComparison.Ordinal);
            Assert.Single(TemporaryFolders("busy"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Run_OutputInsideAFile_ExitsThreeWithOneLine()
    {
        // Works for root too, unlike a read-only folder: nothing can create a folder inside a regular file.
        var file = Path.Combine(_temp.Path, "a-file");
        File.WriteAllText(file, "x");

        var (code, _, error) = await Run(["run", "--out", Path.Combine(file, "results"), .. Small]);

        Assert.Equal(ExitCodes.OutputError, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("cannot create the output folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ReadOnlyParentFolder_ExitsThreeWhereTheOperatingSystemEnforcesIt()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var parent = Path.Combine(_temp.Path, "read-only");
        Directory.CreateDirectory(parent);
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            // Root ignores permission bits (CI runs as root): then there is nothing to test, and the probe shows it.
            var probe = Path.Combine(parent, "probe");
            try
            {
                File.WriteAllText(probe, "");
                File.Delete(probe);
                return;
            }
            catch (UnauthorizedAccessException)
            {
                // Enforced: go on.
            }

            var (code, _, error) = await Run(["run", "--out", Path.Combine(parent, "results"), .. Small]);

            Assert.Equal(ExitCodes.OutputError, code);
            Assert.Contains("cannot create the output folder", error, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public async Task RunAsync_MemoryForFewerRunsThanThreads_RunsThemFewerAtATimeAndSaysSo()
    {
        // 2,000 people: one run fits in the injected memory, two at once do not (100 MB runtime + world + runs).
        var scenario = Hcsim.Engine.Scenarios.ScenarioLoader.LoadDefault(["population.size=2000"]);
        var oneRun = MemoryEstimate.For(scenario, 1).TotalBytes;
        using var error = new StringWriter();
        var action = new RunCommandAction(new CliConsole(TextWriter.Null, error, false), Program.Version, availableMemoryBytes: oneRun + 1000);

        var code = await action.RunAsync(Settings(Out("few")) with
        {
            Overrides = ["population.size=2000", "days=10", "replicates=2"],
            Threads = 2,
        }, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("memory allows 1 run(s) at once", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EstimateAboveInjectedAvailableMemory_IsRefusedWithBothNumbers()
    {
        var action = new RunCommandAction(new CliConsole(TextWriter.Null, TextWriter.Null, false), Program.Version, availableMemoryBytes: 64L * 1024 * 1024);

        var error = await Assert.ThrowsAsync<ScenarioValidationException>(() => action.RunAsync(Settings(Out("mem")), CancellationToken.None));

        var single = Assert.Single(error.Errors);
        Assert.Equal("population.size", single.SettingPath);
        Assert.Contains("64 MB available", single.Message, StringComparison.Ordinal);
        Assert.Empty(_temp.Entries());
    }

    [Fact]
    public async Task Run_MoreThreadsThanCores_RunsAndSaysSoOnStandardError()
    {
        var threads = (Environment.ProcessorCount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (code, _, error) = await Run("run", "--out", Out("t"), "--set", "population.size=2000", "--set", "days=10", "--set", "replicates=1", "--threads", threads, "--quiet");

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains($"--threads {threads} is more than the {Environment.ProcessorCount} processor(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ThreadsFarAboveCores_ProgressStillAdvances()
    {
        // Workers on every pool thread once starved a progress loop that waited on the pool: it printed 0 % and then
        // nothing until the end. Progress now has its own thread, so the redirected lines step through the run.
        var threads = (4 * Environment.ProcessorCount).ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Large enough (about 100 million person-days) that the run outlasts several 200 ms progress samples even on a
        // fast, idle machine; a smaller run could finish between two samples and print no intermediate step.
        var (code, output, error) = await Run("run", "--out", Out("p"), "--set", "population.size=100000", "--set", "days=80",
            "--set", "replicates=3", "--threads", threads);

        Assert.True(code == ExitCodes.Ok, error);
        var percents = output.Split('\n')
            .Where(l => l.StartsWith("simulating: ", StringComparison.Ordinal))
            .Select(l => int.Parse(l["simulating: ".Length..l.IndexOf(' ', "simulating: ".Length)], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(percents.Count(p => p is > 0 and < 100) >= 3,
            $"progress should advance through the run in at least three steps between 0 % and 100 %, printed: [{string.Join(", ", percents)}]");
        Assert.Equal(percents.Order().ToList(), percents);
    }

    [Fact]
    public async Task Run_ExistingResultsWithoutForce_ExitsThreeAndLeavesThem()
    {
        Directory.CreateDirectory(Out("e"));
        File.WriteAllText(Path.Combine(Out("e"), "daily.parquet"), "previous results");

        var (code, _, error) = await Run(["run", "--out", Out("e"), .. Small]);

        Assert.Equal(ExitCodes.OutputError, code);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal("previous results", File.ReadAllText(Path.Combine(Out("e"), "daily.parquet")));
        Assert.Empty(TemporaryFolders("e"));
    }
}
