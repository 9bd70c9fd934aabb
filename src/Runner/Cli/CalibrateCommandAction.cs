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

    public async Task<int> RunAsync(GenerationSettings settings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var loaded = ScenarioSource.Load(settings.ScenarioPath, settings.Overrides);
        var scenario = loaded.Scenario;
        var config = scenario.Calibration ?? throw new ScenarioValidationException([new ScenarioError(loaded.Source, 0, 0, "calibration",
            "is required by hcsim calibrate: the settings to fit and the observed targets (see the README's Calibration section)")]);
        var target = settings.OutputPath ?? Path.Combine("results", ResultPlots.SafeFileName(scenario.Name) + "-calibration");
        using var output = GenerationOutput.Open(loaded, target, settings.Overrides, _version, IdentityDetails, settings.Force, settings.Resume, "calibration");
        var folder = output.Folder;
        try
        {
            var done = CalibrationCheckpoints.Load(folder.TemporaryPath);
            await output.NoteResumeAsync(_console, settings.Resume, done.Count, "calibration").ConfigureAwait(false);
            var checkpoints = new CalibrationCheckpoints(folder);
            var progress = new ProgressDisplay();
            var evaluator = new ScenarioCandidateEvaluator(loaded.Text, loaded.Source, settings.Overrides, settings.Threads, progress);
            var budget = settings.BudgetSince(started);
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
            output.Commit();
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
            await output.AbandonAsync(_console, "calibrate").ConfigureAwait(false);
        }
    }

    private static async Task WriteOutputsAsync(OutputFolder folder, ScenarioSource loaded, GenerationSettings settings, CalibrationConfig config,
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
