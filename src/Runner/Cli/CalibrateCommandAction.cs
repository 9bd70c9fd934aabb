using System.Diagnostics;
using System.Globalization;
using Hcsim.Engine.Calibration;
using Hcsim.Engine.Errors;
using Hcsim.Runner.Calibration;
using Hcsim.Runner.Output;
using Hcsim.Runner.Plots;

namespace Hcsim.Runner.Cli;

/// <summary>
/// <c>hcsim calibrate SCENARIO</c>: ABC-SMC over the scenario's <c>calibration</c> section (<see cref="CalibrationLoop"/>),
/// each round of candidates simulated in parallel (<see cref="ScenarioCandidateEvaluator"/>), a checkpoint per
/// generation, then calibration.parquet, calibration.md, calibrated.yaml and plots, committed as <c>hcsim run</c>
/// commits its results (a temporary folder renamed into place; nothing replaced without --force).
/// </summary>
public sealed class CalibrateCommandAction
{
    /// <summary>Marks the resume identity of a calibration, so that <c>hcsim run --resume</c> never adopts its folder.</summary>
    public const string IdentityDetails = "calibrate";

    private readonly CliConsole _console;
    private readonly string _version;

    public CalibrateCommandAction(CliConsole console, string version)
    {
        _console = console;
        _version = version;
    }

    public async Task<int> RunAsync(CalibrateSettings settings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var loaded = ScenarioSource.Load(settings.ScenarioPath, settings.Overrides);
        var scenario = loaded.Scenario;
        var config = scenario.Calibration ?? throw new ScenarioValidationException([new ScenarioError(loaded.Source, 0, 0, "calibration",
            "is required by hcsim calibrate: the settings to fit and the observed targets (see the README's Calibration section)")]);
        var target = settings.OutputPath ?? Path.Combine("results", ResultPlots.SafeFileName(scenario.Name) + "-calibration");
        OutputFolder.CheckTarget(target, settings.Force);
        using var outputLock = OutputLock.Acquire(target);
        var identity = ResumeIdentity.Of(loaded, settings.Overrides, _version) with { Details = IdentityDetails };
        var stale = OutputFolder.FindStale(target);
        var resumeFrom = settings.Resume ? stale.Reverse().FirstOrDefault(f => RunCheckpoints.ReadIdentity(f)?.DifferenceFrom(identity) is null) : null;
        if (settings.Resume && resumeFrom is null && stale.Count > 0)
        {
            throw new ResumeMismatchException(
                $"--resume: no interrupted calibration to {target} matches this one (scenario, overrides, seed and version); run without --resume to start over");
        }
        using var folder = OutputFolder.Create(target, settings.Force, description:
            $"Calibration of {loaded.Source} (SHA-256 {identity.ScenarioSha256}), overrides: [{string.Join(", ", settings.Overrides)}]");
        var committed = false;
        try
        {
            var runCheckpoints = new RunCheckpoints(folder);
            runCheckpoints.WriteIdentity(identity);
            if (resumeFrom is not null)
            {
                runCheckpoints.Adopt(resumeFrom);
            }
            var done = CalibrationCheckpoints.Load(folder.TemporaryPath);
            if (settings.Resume)
            {
                await _console.Error.WriteLineAsync(resumeFrom is null
                    ? $"hcsim: note: --resume: no interrupted calibration to {folder.Target}; starting from generation 0"
                    : $"hcsim: resuming from {resumeFrom}: {done.Count} generation(s) already finished").ConfigureAwait(false);
            }
            var checkpoints = new CalibrationCheckpoints(folder);
            var progress = new ProgressDisplay();
            var evaluator = new ScenarioCandidateEvaluator(loaded.Text, loaded.Source, settings.Overrides, settings.Threads, progress);
            var budget = new CalibrationBudget
            {
                MaxRuns = settings.MaxRuns,
                MaxMinutes = settings.MaxMinutes,
                ElapsedMinutes = () => started.Elapsed.TotalMinutes,
            };
            var generationLines = new Progress<CalibrationProgress>(p =>
            {
                if (!settings.Quiet)
                {
                    _console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"hcsim: generation {p.Generation}: tolerance {CalibrationReport.Format(p.Tolerance)}, {p.Accepted} accepted of {p.Candidates} candidates, effective sample size {p.EffectiveSampleSize:F1}, {p.RunsSoFar} runs so far"));
                }
            });
            var work = new CalibrationLoop(config, scenario.Seed).RunAsync(evaluator, done, (g, _) =>
            {
                checkpoints.Save(g);
                return Task.CompletedTask;
            }, budget, generationLines, cancellationToken);
            await progress.ShowUntilAsync(work, _console, settings.Quiet).ConfigureAwait(false);
            var outcome = await work.ConfigureAwait(false);
            await WriteOutputsAsync(folder, loaded, settings, config, outcome, started.Elapsed.TotalSeconds, cancellationToken).ConfigureAwait(false);
            folder.Commit();
            committed = true;
            OutputFolder.DeleteStale([.. OutputFolder.FindStale(target), .. OutputFolder.FindCompleted(target), .. OutputFolder.FindReplaced(target)]);
            var posterior = outcome.Posterior;
            if (!settings.Quiet && posterior is not null)
            {
                foreach (var p in CalibrationLoop.Summarise(config, posterior))
                {
                    await _console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{p.Path}: {CalibrationReport.Format(p.Mean)} (95 % interval {CalibrationReport.Format(p.Low)} - {CalibrationReport.Format(p.High)})")).ConfigureAwait(false);
                }
            }
            await _console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"results: {folder.Target} ({started.Elapsed.TotalSeconds:F1} s, {outcome.Runs} runs, {outcome.Generations.Length} generation(s); {outcome.StopReason})")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        finally
        {
            if (!committed)
            {
                folder.Dispose();
                if (folder.KeptForResume)
                {
                    await _console.Error.WriteLineAsync(
                        $"hcsim: the finished generation(s) are kept in {folder.TemporaryPath}; rerun the same command with --resume to continue from them, or delete that folder").ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task WriteOutputsAsync(OutputFolder folder, ScenarioSource loaded, CalibrateSettings settings, CalibrationConfig config,
        CalibrationOutcome outcome, double wallSeconds, CancellationToken cancellationToken)
    {
        await using (var parquet = folder.CreateFile(CalibrationParquetWriter.FileName))
        {
            await CalibrationParquetWriter.WriteAsync(parquet, config, outcome.Generations, cancellationToken).ConfigureAwait(false);
        }
        await folder.WriteTextAsync(CalibrationReport.FileName, CalibrationReport.Render(loaded.Scenario.Name, config, outcome, wallSeconds, settings.Threads), cancellationToken).ConfigureAwait(false);
        if (outcome.Posterior is { } posterior)
        {
            var summary = CalibrationLoop.Summarise(config, posterior);
            await folder.WriteTextAsync(CalibratedScenario.FileName, CalibratedScenario.Write(loaded.Text, loaded.Scenario.Name, settings.Overrides, summary), cancellationToken).ConfigureAwait(false);
            CalibrationPlots.WriteAll(folder.PathOf("plots"), config, posterior);
        }
    }
}
