using System.Diagnostics;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;
using Hcsim.Runner.Tests.Output;

namespace Hcsim.Runner.Tests.Cli;

/// <summary>
/// A real kill (SIGKILL, through the runner's test seam) before every step of the final commit, replacing earlier
/// results with --force: each point leaves either complete results in place or a folder that --resume turns into results
/// byte-identical to an uninterrupted run, and nothing is left behind silently.
/// </summary>
public sealed class CommitKillTests : IDisposable
{
    // Eight runs of a tiny city: the commit, not the simulation, is under test.
    private static readonly string[] Tiny =
        ["--set", "population.size=2000", "--set", "days=10", "--set", "replicates=2", "--threads", "1", "--quiet"];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<CommitStep> Steps() => [.. Enum.GetValues<CommitStep>()];

    private string Out(string name) => Path.Combine(_temp.Path, name);

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(output, error, interactive: false));
        return (code, output.ToString(), error.ToString());
    }

    private static bool SameResults(string expected, string actual) =>
        new[] { ResultsPipeline.DailyFile, ResultsPipeline.SummaryFile }.All(file =>
            File.Exists(Path.Combine(actual, file))
            && File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))));

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Run_KilledBeforeCommitStep_LeavesCompleteOrResumableResults(CommitStep step)
    {
        var clean = await Run(["run", "--out", Out("clean"), .. Tiny]);
        Assert.True(clean.Code == ExitCodes.Ok, clean.Error);
        var target = Out("k");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, ResultsPipeline.DailyFile), "previous results");

        var start = new ProcessStartInfo(Environment.ProcessPath!, ["exec", Path.Combine(AppContext.BaseDirectory, "hcsim.dll"), "run", "--out", target, "--force", .. Tiny])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[RunCommandAction.KillBeforeCommitStepVariable] = step.ToString();
        using (var process = Process.Start(start)!)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(process.ExitCode != ExitCodes.Ok, $"the run should have been killed before {step}; stderr: {await stderr}");
        }

        var complete = SameResults(Out("clean"), target);
        Assert.True(complete == step >= CommitStep.DeleteOld,
            $"killed before {step}, the target should {(step >= CommitStep.DeleteOld ? "" : "not yet ")}hold the new results");
        if (step <= CommitStep.MoveOldAside)
        {
            Assert.Equal("previous results", File.ReadAllText(Path.Combine(target, ResultsPipeline.DailyFile)));
        }

        // The same command with --resume: finishes what the kill interrupted, without simulating anything again.
        var resumed = await Run(["run", "--out", target, "--force", "--resume", .. Tiny]);

        Assert.True(resumed.Code == ExitCodes.Ok, resumed.Error);
        if (step <= CommitStep.MarkComplete)
        {
            Assert.Contains("8 of 8 runs already finished", resumed.Error, StringComparison.Ordinal);
        }
        else if (step < CommitStep.DeleteOld)
        {
            Assert.Contains("without simulating", resumed.Error, StringComparison.Ordinal);
        }
        if (step == CommitStep.DeleteOld)
        {
            Assert.Contains(".old-", resumed.Error, StringComparison.Ordinal);
        }
        Assert.True(SameResults(Out("clean"), target), $"after a kill before {step} and --resume, the results should be byte-identical to an uninterrupted run's");
        Assert.Equal(["clean", "k"], _temp.Entries());
        foreach (var bookkeeping in new[] { RunCheckpoints.Folder, RunCheckpoints.IdentityFile, OutputFolder.IncompleteFile, OutputFolder.LockFile })
        {
            Assert.False(Path.Exists(Path.Combine(target, bookkeeping)), $"{bookkeeping} should not end up in the results");
        }
    }
}
