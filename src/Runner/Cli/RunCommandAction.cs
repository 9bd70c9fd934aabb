using System.Globalization;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Simulation;
using Hcsim.Runner.Output;
using Hcsim.Runner.Plots;

namespace Hcsim.Runner.Cli;

/// <summary>
/// <c>hcsim run</c>: load and check the scenario, check the output folder, simulate while writing outputs into a
/// temporary folder, move it into place, print a summary. Errors propagate to <see cref="Program"/>, which maps them to
/// exit codes; every check that can fail without simulating runs before any folder is created.
/// </summary>
public sealed class RunCommandAction
{
    private readonly CliConsole _console;
    private readonly string _version;
    /// <summary>
    /// Test seam for the fault tests: when set to a <see cref="CommitStep"/> name, the process kills itself (SIGKILL)
    /// just before that step of the final commit. Read only here, and only when no hook is passed in.
    /// </summary>
    public const string KillBeforeCommitStepVariable = "HCSIM_TEST_KILL_BEFORE_COMMIT_STEP";

    private readonly Func<string, Stream>? _createFile;
    private readonly long? _availableMemoryBytes;
    private readonly Action<CommitStep>? _beforeCommitStep;

    /// <param name="createFile">Opens output files; null for plain files. Tests pass one that fails like a full disk.</param>
    /// <param name="availableMemoryBytes">Memory the run may use; null asks the runtime (GC memory info).</param>
    /// <param name="beforeCommitStep">Called before each step of the final commit; null reads <see cref="KillBeforeCommitStepVariable"/>.</param>
    public RunCommandAction(CliConsole console, string version, Func<string, Stream>? createFile = null, long? availableMemoryBytes = null,
        Action<CommitStep>? beforeCommitStep = null)
    {
        _console = console;
        _version = version;
        _createFile = createFile;
        _availableMemoryBytes = availableMemoryBytes;
        _beforeCommitStep = beforeCommitStep ?? KillSwitchFromEnvironment();
    }

    public async Task<int> RunAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        // Loading Skia and compiling the plotting code happen on a spare core while the scenario loads and simulates.
        _ = PlotWarmUp.Start();
        var loaded = ScenarioSource.Load(settings.ScenarioPath, settings.Overrides);
        var scenario = loaded.Scenario;
        ParquetSchemas.DailyMetricColumns(scenario);
        await NoteThreadsAsync(settings.Threads).ConfigureAwait(false);
        var available = _availableMemoryBytes is { } given ? new AvailableMemory(given, "as given") : AvailableMemory.Measure();
        var runsAtOnce = await RunsInMemory.FitAsync(_console.Error, loaded, settings.Threads, available,
            "lower population.size or population.community.mean_degree").ConfigureAwait(false);
        await ConfirmStartAsync(loaded, StartEstimate.For(scenario, settings.Threads, runsAtOnce, available), settings).ConfigureAwait(false);
        if (scenario.IdenticalSweepPoints.Length > 0)
        {
            await _console.Error.WriteLineAsync(
                $"hcsim: note: {scenario.IdenticalSweepPoints.Length} sweep point(s) have the same effective settings as an earlier variant; their runs are copied from it, not simulated again: "
                + string.Join(", ", scenario.IdenticalSweepPoints.Select(i => $"{i.Variant} = {i.SameAs}"))).ConfigureAwait(false);
        }
        var target = settings.OutputPath ?? Path.Combine("results", ResultPlots.SafeFileName(scenario.Name));
        OutputFolder.CheckTarget(target, settings.Force);
        // Before simulating: a second run to the same folder stops here and names the process that holds it.
        using var outputLock = OutputLock.Acquire(target);

        var context = new RunContext
        {
            Source = loaded.Source,
            ScenarioSha256 = ResultsPipeline.Sha256Hex(loaded.Text),
            Overrides = settings.Overrides,
            Threads = settings.Threads,
            HcsimVersion = _version,
            Details = settings.Details,
            Csv = settings.Csv,
        };
        var identity = ResumeIdentity.Of(loaded, settings.Overrides, _version, settings.Details);
        if (settings.Resume && await FinishKilledCommitAsync(target, identity, settings).ConfigureAwait(false))
        {
            return ExitCodes.Ok;
        }
        var stale = OutputFolder.FindStale(target);
        var resumeFrom = settings.Resume ? ChooseResumable(stale, identity) : null;
        if (!settings.Resume && stale.Count > 0)
        {
            await _console.Error.WriteLineAsync(
                $"hcsim: note: {stale.Count} incomplete folder(s) of an interrupted run to this target: {string.Join(", ", stale)}; "
                + "use --resume to continue it; they are deleted when this run finishes").ConfigureAwait(false);
        }
        var leftovers = OutputFolder.FindCompleted(target).Concat(OutputFolder.FindReplaced(target)).ToList();
        if (leftovers.Count > 0)
        {
            await _console.Error.WriteLineAsync(
                $"hcsim: note: {leftovers.Count} folder(s) left by a run killed while moving its results into place: {string.Join(", ", leftovers)}; "
                + "'hcsim run --resume' with that run's settings moves complete results into place without simulating; otherwise they are deleted when this run finishes").ConfigureAwait(false);
        }

        var execution = new ScenarioExecution(scenario, new ExecutionOptions { Threads = settings.Threads, MaxConcurrentRuns = runsAtOnce, Details = settings.Details, DataFiles = Output.ParquetRows.Readers });
        var progress = new ProgressDisplay();
        using var folder = OutputFolder.Create(target, settings.Force, _createFile,
            $"Scenario: {loaded.Source} (SHA-256 {context.ScenarioSha256}), overrides: [{string.Join(", ", settings.Overrides)}]",
            _beforeCommitStep);
        var committed = false;
        try
        {
            var checkpoints = new RunCheckpoints(folder);
            checkpoints.WriteIdentity(identity);
            if (resumeFrom is not null)
            {
                checkpoints.Adopt(resumeFrom);
            }
            var done = checkpoints.Load(scenario);
            if (settings.Resume)
            {
                await _console.Error.WriteLineAsync(resumeFrom is null
                    ? $"hcsim: note: --resume: no interrupted run of this scenario to {folder.Target}; running all {execution.RunCount} runs"
                    : $"hcsim: resuming from {resumeFrom}: {done.Count} of {execution.RunCount} runs already finished").ConfigureAwait(false);
            }
            var work = new ResultsPipeline(scenario, context).RunAsync(
                folder,
                async (writer, token) =>
                {
                    foreach (var run in done.OrderBy(d => d.Key).Select(d => d.Value))
                    {
                        await writer.WriteAsync(run, token).ConfigureAwait(false);
                    }
                    var checkpointing = new CheckpointingWriter(writer, checkpoints);
                    await execution.RunAsync(checkpointing, progress, token, done.Keys.ToHashSet()).ConfigureAwait(false);
                },
                cancellationToken);
            await progress.ShowUntilAsync(work, _console, settings.Quiet).ConfigureAwait(false);
            var result = await work.ConfigureAwait(false);
            var oldLeft = folder.Commit();
            committed = true;
            await CleanUpAfterCommitAsync(target, oldLeft).ConfigureAwait(false);
            if (!settings.Quiet)
            {
                await _console.Output.WriteAsync(ConsoleSummary.Render([.. scenario.Variants.Select(v => v.Name)], result.Statistics, reference: scenario.Reference ?? scenario.Variants[0].Name)).ConfigureAwait(false);
            }
            if (settings.Profile)
            {
                await _console.Output.WriteAsync(PhaseProfile(result.PhaseSeconds, result.WallSeconds)).ConfigureAwait(false);
            }
            await _console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"results: {folder.Target} ({result.WallSeconds:F1} s, {PipelineResult.RunCount(result.Summaries)} runs{Reused(result.RunsReused)})")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (!committed && WriteFailure.Find(e) is { } io)
        {
            // Disk full (also while the plots render in parallel, which wraps the error), permissions changed under us:
            // name the folder, and say that nothing earlier was touched.
            throw new OutputWriteException(
                $"{folder.Target}: could not write the results: {OneLine(io.Message)}; previous results in {folder.Target}, if any, are untouched", e);
        }
        finally
        {
            if (!committed)
            {
                folder.Dispose();
                if (folder.KeptForResume)
                {
                    await _console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"hcsim: the {RunCheckpoints.CountIn(folder.TemporaryPath)} finished run(s) are kept in {folder.TemporaryPath} ({MemoryEstimate.Format(OutputFolder.SizeOf(folder.TemporaryPath))}, marked {OutputFolder.IncompleteFile}); "
                        + $"rerun the same command with --resume to continue without simulating them again (after freeing disk space if it was full), or delete that folder")).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// <c>--resume</c> after a kill during the final commit: a <c>DIR.done-*</c> folder of this run holds complete
    /// results, so finish moving them into place instead of simulating. False when there is none.
    /// </summary>
    private async Task<bool> FinishKilledCommitAsync(string target, ResumeIdentity identity, RunSettings settings)
    {
        foreach (var completed in OutputFolder.FindCompleted(target).Reverse())
        {
            if (ResumeIdentity.FromManifest(completed)?.DifferenceFrom(identity) is not null)
            {
                continue;
            }
            var oldLeft = OutputFolder.FinishCommit(completed, target, settings.Force, _beforeCommitStep);
            var full = OutputFolder.FullPath(target);
            await _console.Error.WriteLineAsync(
                $"hcsim: resuming from {completed}: it holds the complete results of this run, killed while moving them into place; moved them to {full} without simulating").ConfigureAwait(false);
            await CleanUpAfterCommitAsync(target, oldLeft).ConfigureAwait(false);
            await _console.Output.WriteLineAsync($"results: {full} (completed by --resume, 0 runs simulated)").ConfigureAwait(false);
            return true;
        }
        return false;
    }

    /// <summary>Once complete results are in place: delete what earlier interrupted runs left, and name what stays.</summary>
    private async Task CleanUpAfterCommitAsync(string target, string? oldLeft)
    {
        if (oldLeft is not null)
        {
            await _console.Error.WriteLineAsync(
                $"hcsim: note: the replaced results were moved to {oldLeft} and could not be deleted; delete that folder yourself").ConfigureAwait(false);
        }
        var deleted = OutputFolder.DeleteStale([.. OutputFolder.FindStale(target), .. OutputFolder.FindCompleted(target), .. OutputFolder.FindReplaced(target)]);
        if (deleted.Count > 0)
        {
            await _console.Error.WriteLineAsync($"hcsim: note: deleted {deleted.Count} incomplete folder(s) of earlier interrupted runs: {string.Join(", ", deleted)}").ConfigureAwait(false);
        }
    }

    private static Action<CommitStep>? KillSwitchFromEnvironment()
    {
        if (!Enum.TryParse<CommitStep>(Environment.GetEnvironmentVariable(KillBeforeCommitStepVariable), out var killAt))
        {
            return null;
        }
        return step =>
        {
            if (step == killAt)
            {
                using var self = System.Diagnostics.Process.GetCurrentProcess();
                self.Kill();
                Thread.Sleep(Timeout.Infinite);
            }
        };
    }

    /// <summary>", N reused" for the final line when identical sweep points copied runs (short: the line fits 80 columns); empty otherwise.</summary>
    public static string Reused(int runsReused) =>
        runsReused == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {runsReused} reused");

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    /// <summary>The stale folder to resume from; throws when there are some but none matches this run.</summary>
    private static string? ChooseResumable(IReadOnlyList<string> stale, ResumeIdentity identity)
    {
        var reasons = new List<string>();
        // Newest first: after several interruptions, the latest folder holds the latest runs.
        foreach (var folder in stale.Reverse())
        {
            var saved = RunCheckpoints.ReadIdentity(folder);
            var difference = saved is null ? "it has no resume.json (it was not started by this version of hcsim, or was killed at its start)" : saved.DifferenceFrom(identity);
            if (difference is null)
            {
                return folder;
            }
            reasons.Add($"{folder}: {difference}");
        }
        if (reasons.Count == 0)
        {
            return null;
        }
        throw new ResumeMismatchException(
            $"--resume: no interrupted run matches this one ({string.Join("; ", reasons)}); run without --resume to start over, which deletes those folders when it finishes");
    }

    private async Task NoteThreadsAsync(int threads)
    {
        if (threads > Environment.ProcessorCount)
        {
            await _console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"hcsim: note: --threads {threads} is more than the {Environment.ProcessorCount} processor(s) of this machine; allowed, and results are identical, but it will not run faster and holds more runs in memory at once")).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Says what a large run will take before it starts; a run estimated above --max-minutes starts only with --yes or
    /// after a "y" from the person at the terminal, and is refused (exit 2, nothing written) when nobody can answer.
    /// </summary>
    private async Task ConfirmStartAsync(ScenarioSource loaded, StartEstimate estimate, RunSettings settings)
    {
        var tooLong = estimate.Time.Seconds > settings.MaxMinutes * 60;
        if (estimate.IsLarge || tooLong)
        {
            await _console.Error.WriteLineAsync($"hcsim: {estimate}").ConfigureAwait(false);
        }
        if (!tooLong || settings.Yes)
        {
            return;
        }
        var limit = string.Create(CultureInfo.InvariantCulture, $"--max-minutes {settings.MaxMinutes:0.##}");
        if (_console.Input is { } input)
        {
            await _console.Error.WriteAsync($"hcsim: that is more than {limit}; start it anyway? [y/N] ").ConfigureAwait(false);
            var answer = (await input.ReadLineAsync().ConfigureAwait(false))?.Trim().ToLowerInvariant();
            if (answer is "y" or "yes")
            {
                return;
            }
        }
        throw new ScenarioValidationException([new ScenarioError(loaded.Source, 0, 0, "",
            $"the run is estimated to take {estimate.Time}, more than {limit}; pass --yes to start it anyway, raise --max-minutes, "
            + "or lower population.size, days or replicates")]);
    }

    /// <summary>One line per phase, largest first: seconds summed over runs and share of the phases' total.</summary>
    public static string PhaseProfile(IReadOnlyDictionary<string, double> phaseSeconds, double wallSeconds)
    {
        var total = phaseSeconds.Values.Sum();
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"phase",-20} {"seconds",10} {"share",7}");
        foreach (var (phase, seconds) in phaseSeconds.OrderByDescending(p => p.Value))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{phase,-20} {seconds,10:F2} {(total > 0 ? seconds / total : 0),7:P0}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"{"all phases",-20} {total,10:F2}   (wall {wallSeconds:F1} s; runs that overlap add up)");
        return text.ToString();
    }
}
