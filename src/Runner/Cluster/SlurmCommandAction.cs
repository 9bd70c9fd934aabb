using System.Globalization;
using System.Reflection;
using Hcsim.Engine.Simulation;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;
using Hcsim.Runner.Plots;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// <c>hcsim slurm</c>: writes the sweep's array script and merge script into <c>DIR/slurm/</c>; with <c>--submit</c>
/// submits the shards still missing (all of them the first time) and the merge job after them; with <c>--wait</c>
/// polls <c>squeue</c> (no accounting needed) and the shard folders until the merge is done, or names the failed tasks.
/// </summary>
public sealed class SlurmCommandAction
{
    /// <summary>Default array size when the scenario has more runs: each task then runs several.</summary>
    public const int DefaultMaxTasks = 100;

    /// <summary>
    /// Share of a task's memory the .NET runtime lets its heap use inside a memory limit (a container or a Slurm cgroup
    /// gives the GC 75 % of it), so the request is the estimate divided by this.
    /// </summary>
    public const double HeapShareOfLimit = 0.75;

    private readonly CliConsole _console;
    private readonly string _version;
    private readonly SlurmClient _slurm;

    public SlurmCommandAction(CliConsole console, string version)
    {
        _console = console;
        _version = version;
        _slurm = new SlurmClient(console.Environment);
    }

    /// <summary>First pause between two looks at the queue with --wait; it doubles up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Longest pause between two looks at the queue, so that a long sweep does not load the controller.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(SlurmSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Wait && !settings.Submit)
        {
            await _console.Error.WriteLineAsync("hcsim: --wait needs --submit (it waits for the jobs it submits)").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        var loaded = ScenarioSource.Load(settings.ScenarioPath, settings.Overrides);
        var scenario = loaded.Scenario;
        ParquetSchemas.DailyMetricColumns(scenario);
        var root = Path.GetFullPath(settings.OutputPath ?? Path.Combine("results", ResultPlots.SafeFileName(scenario.Name)));
        var runs = scenario.Variants.Length * scenario.Replicates;
        var identity = ResumeIdentity.Of(loaded, settings.Overrides, _version);
        var existing = ShardFolders.ReadComplete(root);
        var tasks = settings.Tasks ?? (existing.Count > 0 ? existing[0].Manifest.ShardCount : Math.Min(runs, DefaultMaxTasks));
        if (tasks < 1 || tasks > ShardSpec.MaxCount)
        {
            await _console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"hcsim: --tasks must be between 1 and {ShardSpec.MaxCount}, got {tasks}")).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        if (ShardFolders.DifferenceFromExisting(root, identity, tasks) is { } difference)
        {
            await _console.Error.WriteLineAsync(
                $"hcsim: {root} already holds shards of another sweep or split ({difference}); use the same scenario, --set and --tasks, or another --out").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        if (tasks > runs)
        {
            await _console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"hcsim: note: {tasks} tasks for {runs} runs: {tasks - runs} task(s) will have nothing to simulate")).ConfigureAwait(false);
        }
        var plan = ShardPlan.For(scenario, tasks);
        var largestShard = Enumerable.Range(0, tasks).Max(s => plan.RunsOf(s).Count);
        var estimate = MemoryEstimate.For(scenario, Math.Max(1, Math.Min(settings.Cpus, largestShard)));
        var job = new SlurmJob
        {
            Root = root,
            ScenarioPath = settings.ScenarioPath is null ? null : Path.GetFullPath(settings.ScenarioPath),
            ScenarioName = scenario.Name,
            Overrides = settings.Overrides,
            Tasks = tasks,
            Cpus = settings.Cpus,
            Memory = settings.Memory ?? string.Create(CultureInfo.InvariantCulture, $"{MemoryRequestMegabytes(estimate)}M"),
            Time = settings.Time,
            Partition = settings.Partition,
            Hcsim = settings.Hcsim ?? ThisProgram(),
        };
        Directory.CreateDirectory(SlurmFiles.Logs(root));
        Directory.CreateDirectory(SlurmFiles.Status(root));
        WriteWhole(SlurmFiles.ShardScript(root), job.ShardScript());
        WriteWhole(SlurmFiles.MergeScript(root), job.MergeScript());
        await _console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"wrote {SlurmFiles.ShardScript(root)} ({tasks} array task(s) for {runs} runs, {settings.Cpus} CPU(s) and {job.Memory} each; estimate {estimate}) and {SlurmFiles.MergeScript(root)}"))
            .ConfigureAwait(false);
        if (!settings.Submit)
        {
            await _console.Output.WriteLineAsync(
                $"submit with: hcsim slurm ... --submit, or: jid=$(sbatch --parsable {ShellQuote.Word(SlurmFiles.ShardScript(root))}) && sbatch --dependency=afterok:$jid {ShellQuote.Word(SlurmFiles.MergeScript(root))}")
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        return await SubmitAsync(root, tasks, settings.Wait, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Memory to ask per task: the engine's estimate, over the share of a limit the runtime's heap may use, in MB.</summary>
    public static long MemoryRequestMegabytes(MemoryEstimate estimate) =>
        (long)Math.Ceiling(estimate.TotalBytes / HeapShareOfLimit / (1024.0 * 1024.0));

    private async Task<int> SubmitAsync(string root, int tasks, bool wait, CancellationToken cancellationToken)
    {
        var complete = ShardFolders.ReadComplete(root).Select(s => s.Manifest.ShardIndex).ToHashSet();
        var missing = Enumerable.Range(0, tasks).Where(i => !complete.Contains(i)).ToList();
        if (missing.Count == 0 && File.Exists(Path.Combine(root, ResultsPipeline.ManifestFile)))
        {
            await _console.Output.WriteLineAsync($"nothing to submit: all {tasks} shard(s) are complete and merged in {root}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        try
        {
            string? arrayJob = null;
            if (missing.Count > 0)
            {
                foreach (var index in missing)
                {
                    File.Delete(SlurmFiles.TaskStatus(root, index));
                }
                var array = ShardFolders.Ranges(missing);
                arrayJob = await SbatchAsync(["--parsable", $"--array={array}", SlurmFiles.ShardScript(root)], cancellationToken).ConfigureAwait(false);
                await _console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"submitted array job {arrayJob}: {missing.Count} task(s) (--array={array}){(complete.Count > 0 ? $"; {complete.Count} shard(s) already complete are not rerun" : "")}"))
                    .ConfigureAwait(false);
            }
            File.Delete(SlurmFiles.MergeStatus(root));
            string[] mergeArguments = arrayJob is null
                ? ["--parsable", SlurmFiles.MergeScript(root)]
                : ["--parsable", $"--dependency=afterok:{arrayJob}", SlurmFiles.MergeScript(root)];
            var mergeJob = await SbatchAsync(mergeArguments, cancellationToken).ConfigureAwait(false);
            await _console.Output.WriteLineAsync(arrayJob is null
                ? $"submitted merge job {mergeJob} (every shard is already complete)"
                : $"submitted merge job {mergeJob} (runs after every task of {arrayJob} succeeds)").ConfigureAwait(false);
            return wait ? await WaitAsync(root, tasks, missing, arrayJob, mergeJob, cancellationToken).ConfigureAwait(false) : ExitCodes.Ok;
        }
        catch (SlurmUnavailableException e)
        {
            await _console.Error.WriteLineAsync($"hcsim: --submit: {e.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
    }

    private async Task<string> SbatchAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (code, output, error) = await _slurm.RunAsync("sbatch", arguments, cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new OutputWriteException($"sbatch {string.Join(" ", arguments)} failed (exit code {code}): {error.Trim()}");
        }
        // --parsable prints "jobid" or "jobid;cluster".
        return output.Trim().Split(';')[0];
    }

    /// <summary>Polls the queue until the array job has left it, then the merge job; names failed tasks if any.</summary>
    private async Task<int> WaitAsync(string root, int tasks, IReadOnlyList<int> submitted, string? arrayJob, string mergeJob, CancellationToken cancellationToken)
    {
        if (arrayJob is not null)
        {
            await WhileInQueueAsync(arrayJob, cancellationToken).ConfigureAwait(false);
            var complete = ShardFolders.ReadComplete(root).Select(s => s.Manifest.ShardIndex).ToHashSet();
            var failed = submitted.Where(i => !complete.Contains(i)).ToList();
            if (failed.Count > 0)
            {
                // afterok can never be satisfied now; without this the merge job would wait in the queue for ever.
                await _slurm.RunAsync("scancel", [mergeJob], cancellationToken).ConfigureAwait(false);
                foreach (var index in failed)
                {
                    await _console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"hcsim: task {index} of array job {arrayJob} failed (shard {new ShardSpec(index, tasks)}): {SlurmFiles.WhyMissing(root, new ShardSpec(index, tasks))}")).ConfigureAwait(false);
                }
                await _console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"hcsim: {failed.Count} of {submitted.Count} task(s) failed ({ShardFolders.Ranges(failed)}); merge job {mergeJob} cancelled. Run the same 'hcsim slurm ... --submit' again to rerun only the missing shards")).ConfigureAwait(false);
                return ExitCodes.ShardsMissing;
            }
        }
        await WhileInQueueAsync(mergeJob, cancellationToken).ConfigureAwait(false);
        var mergeCode = SlurmFiles.ExitCode(SlurmFiles.MergeStatus(root));
        if (mergeCode != 0 || !File.Exists(Path.Combine(root, ResultsPipeline.ManifestFile)))
        {
            await _console.Error.WriteLineAsync(
                $"hcsim: merge job {mergeJob} failed ({(mergeCode is { } c ? $"exit code {c}" : "no exit status: cancelled or killed")}); log {SlurmFiles.MergeLog(root)}; rerun with: hcsim merge {ShellQuote.Word(root)}")
                .ConfigureAwait(false);
            return ExitCodes.ShardsMissing;
        }
        await _console.Output.WriteLineAsync($"results: {root} (merged by job {mergeJob})").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>Returns once no task of the job is pending, running or completing; polls ever less often.</summary>
    private async Task WhileInQueueAsync(string job, CancellationToken cancellationToken)
    {
        var pause = PollInterval;
        while (await InQueueAsync(job, cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPollInterval.Ticks));
        }
    }

    /// <summary>True while any task of the job is pending, running or completing (squeue's default states, own jobs only).</summary>
    private async Task<bool> InQueueAsync(string job, CancellationToken cancellationToken)
    {
        var (code, output, error) = await _slurm.RunAsync("squeue", ["--me", "--noheader", "--format=%i"], cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new OutputReadException($"squeue failed (exit code {code}): {error.Trim()}");
        }
        // An array shows as "123_[0-7]" while pending and "123_4" per running task.
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(line => line == job || line.StartsWith(job + "_", StringComparison.Ordinal));
    }

    private static void WriteWhole(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>This program as a shell command: the executable, or "dotnet hcsim.dll" when started through dotnet.</summary>
    public static string ThisProgram()
    {
        var process = Environment.ProcessPath ?? "hcsim";
        var name = Path.GetFileNameWithoutExtension(process);
        // Location is empty in a single-file publish (the README's), which is started as itself, not through dotnet.
#pragma warning disable IL3000
        if (name == "dotnet" && Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry)
#pragma warning restore IL3000
        {
            return $"{ShellQuote.Word(process)} {ShellQuote.Word(entry)}";
        }
        return ShellQuote.Word(process);
    }
}
