using Hcsim.Engine.Scenarios;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Tests.Output;

namespace Hcsim.Runner.Tests.Search;

/// <summary>
/// <c>hcsim optimise --slurm</c> against a stand-in <c>sbatch</c> that runs the array and merge scripts it is given at
/// once on this machine (the real Slurm test is .ci/slurm-test.sh), so each generation goes through the whole
/// script, shard, merge and read-back path.
/// </summary>
public sealed class OptimiseSlurmTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Out(string name) => Path.Combine(_temp.Path, name);
    private string Bin => Out("bin");
    private string CallLog => Out("calls.log");

    /// <summary>The default scenario, tiny, its no-codes counterfactual kept, with 4 candidates (the least a search takes) x 2 generations x 2 replicates.</summary>
    private string Scenario()
    {
        var text = DefaultScenario.Text;
        text = text[..text.IndexOf("  - name: yellow-3-days", StringComparison.Ordinal)]
            .Replace("size: 200000", "size: 400", StringComparison.Ordinal)
            .Replace("days: 120", "days: 15", StringComparison.Ordinal);
        text += """

            search:
              population_size: 4
              generations: 2
              replicates: 2
              variables:
                - {path: policy.params.red_days, min: 3, max: 14, integer: true}
                - {path: checkin.probability, min: 0.6, max: 1}
              objectives:
                - {metric: infections_averted, direction: maximise}
                - {metric: never_infected_confined_person_days, direction: minimise}
            """;
        var path = Out("search.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Stand-in Slurm: sbatch runs the script (each array task in turn) before answering job id 42; squeue shows an empty queue.</summary>
    /// <param name="failOnce">A generation folder (g001) whose array task 1 fails with exit code 3 the first time it is submitted.</param>
    private void FakeSlurm(string failOnce = "none")
    {
        Directory.CreateDirectory(Bin);
        var jobs = Out("jobs.log");
        var failed = Out("failed-once");
        var sbatch = $"""
            array=""; script=""; fail=""
            for a in "$@"; do case "$a" in --array=*) array="${"{"}a#--array={"}"}";; -*) ;; *) script="$a";; esac; done
            case "$script" in */{failOnce}/*) [ -e '{failed}' ] || {"{"} touch '{failed}'; fail=1; {"}"};; esac
            if [ -n "$array" ]; then
              for range in $(echo "$array" | tr ',' ' '); do
                i=${"{"}range%-*{"}"}; last=${"{"}range#*-{"}"}
                while [ "$i" -le "$last" ]; do
                  if [ "$i" = "$fail" ]; then mkdir -p "$(dirname "$script")/status" && echo 3 > "$(dirname "$script")/status/task-$i.exit"
                  else SLURM_ARRAY_TASK_ID=$i bash "$script" >> '{jobs}' 2>&1; fi
                  i=$((i+1))
                done
              done
            else
              bash "$script" >> '{jobs}' 2>&1
            fi
            echo 42
            """;
        foreach (var (name, body) in new[] { ("sbatch", sbatch), ("squeue", ""), ("scancel", "") })
        {
            var file = Path.Combine(Bin, name);
            File.WriteAllText(file, $"#!/bin/sh\necho \"{name} $*\" >> '{CallLog}'\n{body}\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    private async Task<(int Code, string Output, string Error)> Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, interactive: false) { Environment = name => name == "PATH" ? Bin : null };
        var code = await Program.RunAsync(args, console);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>This build's hcsim as the compute nodes start it.</summary>
    private static string Hcsim() =>
        $"{Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet"} {Path.Combine(AppContext.BaseDirectory, "hcsim.dll")}";

    [Fact]
    public async Task OptimiseSlurm_TinySearch_WritesTheSearchParquetOfASingleMachine()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        FakeSlurm();
        var scenario = Scenario();
        var local = await Run(["optimise", scenario, "--out", Out("local"), "--threads", "2", "--quiet"]);
        Assert.True(local.Code == ExitCodes.Ok, local.Error);

        var cluster = await Run(["optimise", scenario, "--out", Out("cluster"), "--slurm", "--tasks", "2", "--hcsim", Hcsim()]);

        var jobs = File.Exists(Out("jobs.log")) ? await File.ReadAllTextAsync(Out("jobs.log")) : "";
        Assert.True(cluster.Code == ExitCodes.Ok, $"optimise --slurm should succeed, stderr: {cluster.Error}\njobs: {jobs}");
        var calls = await File.ReadAllLinesAsync(CallLog);
        Assert.True(calls.Count(c => c.Contains("--array=0-1", StringComparison.Ordinal)) == 2,
            $"each of the 2 generations should be submitted as a 2-task array job: {string.Join(" | ", calls)}");
        Assert.True(calls.Count(c => c.Contains("--dependency=afterok:42", StringComparison.Ordinal)) == 2,
            $"each generation's merge job should run after its array: {string.Join(" | ", calls)}");
        var onCluster = await File.ReadAllBytesAsync(Path.Combine(Out("cluster"), "search.parquet"));
        var onThisMachine = await File.ReadAllBytesAsync(Path.Combine(Out("local"), "search.parquet"));
        Assert.True(onCluster.AsSpan().SequenceEqual(onThisMachine),
            "search.parquet (candidates, objectives, ranks, front) should be the single-machine search's, byte for byte");
    }

    [Fact]
    public async Task OptimiseSlurm_TaskFailedThenResumed_RerunsOnlyTheMissingShardAndWritesTheSameSearch()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        FakeSlurm(failOnce: "g001");
        var scenario = Scenario();
        var local = await Run(["optimise", scenario, "--out", Out("local"), "--threads", "2", "--quiet"]);
        Assert.True(local.Code == ExitCodes.Ok, local.Error);
        string[] cluster = ["optimise", scenario, "--out", Out("cluster"), "--slurm", "--tasks", "2", "--hcsim", Hcsim(), "--quiet"];

        var first = await Run(cluster);
        Assert.True(first.Code == ExitCodes.OutputError, $"a failed task should stop the search with exit code {ExitCodes.OutputError}, got {first.Code}: {first.Error}");
        Assert.Contains("task 1 of array job 42 failed (shard 1/2): its task failed with exit code 3", first.Error, StringComparison.Ordinal);
        var before = (await File.ReadAllLinesAsync(CallLog)).Length;

        var resumed = await Run([.. cluster, "--resume"]);

        Assert.True(resumed.Code == ExitCodes.Ok, $"the resumed search should succeed, stderr: {resumed.Error}");
        var calls = (await File.ReadAllLinesAsync(CallLog)).Skip(before).Where(c => c.StartsWith("sbatch", StringComparison.Ordinal)).ToArray();
        Assert.True(calls.Length == 2 && calls[0].Contains("--array=1 ", StringComparison.Ordinal) && calls[0].Contains("/g001/", StringComparison.Ordinal),
            $"--resume should resubmit generation 1's failed task alone (generation 0 is finished), then its merge: {string.Join(" | ", calls)}");
        var onCluster = await File.ReadAllBytesAsync(Path.Combine(Out("cluster"), "search.parquet"));
        var onThisMachine = await File.ReadAllBytesAsync(Path.Combine(Out("local"), "search.parquet"));
        Assert.True(onCluster.AsSpan().SequenceEqual(onThisMachine), "the resumed search.parquet should be the single-machine search's, byte for byte");
    }

    [Fact]
    public async Task OptimiseSlurm_ArrayOptionWithoutSlurm_ExitsTwo()
    {
        var result = await Run(["optimise", Scenario(), "--out", Out("search"), "--tasks", "2"]);

        Assert.True(result.Code == ExitCodes.InvalidInput, $"--tasks without --slurm should exit {ExitCodes.InvalidInput}, got {result.Code}");
        Assert.Contains("--tasks needs --slurm", result.Error, StringComparison.Ordinal);
    }
}
