using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Cluster;
using Hcsim.Runner.Tests.Output;

namespace Hcsim.Runner.Tests.Cluster;

/// <summary>hcsim slurm against stand-in sbatch/squeue/scancel scripts (the real Slurm test is .ci/slurm-test.sh).</summary>
public sealed class SlurmCommandTests : IDisposable
{
    private static readonly string[] Small = ["--set", "population.size=4000", "--set", "days=20", "--set", "replicates=2"];
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Sweep => Path.Combine(_temp.Path, "sweep");
    private string Bin => Path.Combine(_temp.Path, "bin");
    private string CallLog => Path.Combine(_temp.Path, "calls.log");

    private async Task<(int Code, string Output, string Error)> Run(string[] args, string path)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, interactive: false) { Environment = name => name == "PATH" ? path : null };
        var code = await Program.RunAsync(args, console);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Stand-in Slurm commands that log their arguments; sbatch answers job id 42, squeue shows an empty queue.</summary>
    private void FakeSlurm(string sbatchExtra = "")
    {
        Directory.CreateDirectory(Bin);
        foreach (var (name, body) in new[] { ("sbatch", $"{sbatchExtra}\necho 42"), ("squeue", ""), ("scancel", "") })
        {
            var file = Path.Combine(Bin, name);
            File.WriteAllText(file, $"#!/bin/sh\necho \"{name} $*\" >> '{CallLog}'\n{body}\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    [Fact]
    public async Task Slurm_WithoutSubmit_WritesArrayAndMergeScriptsWithMemoryFromTheEstimate()
    {
        var result = await Run(["slurm", "--out", Sweep, "--tasks", "4", "--time", "00:30:00", "--partition", "short", .. Small], "");

        Assert.True(result.Code == ExitCodes.Ok, result.Error);
        var script = await File.ReadAllTextAsync(Path.Combine(Sweep, "slurm", "shards.sbatch"));
        var scenario = ScenarioLoader.LoadDefault(["population.size=4000", "days=20", "replicates=2"]);
        var megabytes = SlurmCommandAction.MemoryRequestMegabytes(MemoryEstimate.For(scenario, 1));
        foreach (var line in new[] { "#SBATCH --array=0-3", $"#SBATCH --mem={megabytes}M", "#SBATCH --time=00:30:00", "#SBATCH --partition=short", "--shard-count 4", "--set population.size=4000" })
        {
            Assert.True(script.Contains(line, StringComparison.Ordinal), $"the array script should contain '{line}':\n{script}");
        }
        var merge = await File.ReadAllTextAsync(Path.Combine(Sweep, "slurm", "merge.sbatch"));
        Assert.True(merge.Contains($" merge {Sweep}", StringComparison.Ordinal), $"the merge script should run hcsim merge on the folder:\n{merge}");
    }

    [Fact]
    public async Task Slurm_SubmitWithoutSlurm_FailsWithAClearMessage()
    {
        Directory.CreateDirectory(Bin);

        var result = await Run(["slurm", "--out", Sweep, "--tasks", "2", "--submit", .. Small], Bin);

        Assert.True(result.Code == ExitCodes.InvalidInput, $"--submit without sbatch should exit 2, got {result.Code}");
        Assert.Contains("'sbatch' is not on PATH: Slurm is not installed", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Sweep, "slurm", "shards.sbatch")), "the scripts should still be written");
    }

    [Fact]
    public async Task Slurm_SubmitWithSomeShardsDone_SubmitsOnlyTheMissingOnesAndTheMergeAfterThem()
    {
        FakeSlurm();
        foreach (var index in new[] { 0, 2 })
        {
            var shard = await Run(["run", "--out", Sweep, "--shard", $"{index}/3", "--quiet", .. Small], Bin);
            Assert.True(shard.Code == ExitCodes.Ok, shard.Error);
        }

        var result = await Run(["slurm", "--out", Sweep, "--submit", .. Small], Bin);

        Assert.True(result.Code == ExitCodes.Ok, result.Error);
        var calls = await File.ReadAllLinesAsync(CallLog);
        Assert.True(calls.Length == 2, $"sbatch should be called twice (array, merge): {string.Join(" | ", calls)}");
        Assert.Contains("--array=1 ", calls[0], StringComparison.Ordinal);
        Assert.Contains("--dependency=afterok:42", calls[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slurm_WaitWhenATaskFailed_NamesItCancelsTheMergeAndExitsFive()
    {
        var status = Path.Combine(Sweep, "slurm", "status", "task-1.exit");
        // The stand-in "runs" the array at once: tasks 0 and 2 are done already, task 1 fails with exit code 3.
        FakeSlurm($"case \"$*\" in *--array*) echo 3 > '{status}';; esac");
        foreach (var index in new[] { 0, 2 })
        {
            var shard = await Run(["run", "--out", Sweep, "--shard", $"{index}/3", "--quiet", .. Small], Bin);
            Assert.True(shard.Code == ExitCodes.Ok, shard.Error);
        }

        var result = await Run(["slurm", "--out", Sweep, "--submit", "--wait", .. Small], Bin);

        Assert.True(result.Code == ExitCodes.ShardsMissing, $"a failed task should exit {ExitCodes.ShardsMissing}, got {result.Code}: {result.Error}");
        Assert.Contains("task 1 of array job 42 failed (shard 1/3): its task failed with exit code 3", result.Error, StringComparison.Ordinal);
        Assert.Contains("scancel 42", await File.ReadAllTextAsync(CallLog), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slurm_WaitWithoutSubmit_ExitsTwo()
    {
        var result = await Run(["slurm", "--out", Sweep, "--wait", .. Small], "");

        Assert.True(result.Code == ExitCodes.InvalidInput, $"--wait alone should exit 2, got {result.Code}");
    }
}
