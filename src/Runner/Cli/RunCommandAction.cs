using System.Globalization;
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

    public RunCommandAction(CliConsole console, string version)
    {
        _console = console;
        _version = version;
    }

    public async Task<int> RunAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        var loaded = ScenarioSource.Load(settings.ScenarioPath, settings.Overrides);
        var scenario = loaded.Scenario;
        ParquetSchemas.DailyMetricColumns(scenario);
        var target = settings.OutputPath ?? Path.Combine("results", ResultPlots.SafeFileName(scenario.Name));
        OutputFolder.CheckTarget(target, settings.Force);

        var context = new RunContext
        {
            Source = loaded.Source,
            ScenarioSha256 = ResultsPipeline.Sha256Hex(loaded.Text),
            Overrides = settings.Overrides,
            Threads = settings.Threads,
            HcsimVersion = _version,
        };
        var execution = new ScenarioExecution(scenario, new ExecutionOptions { Threads = settings.Threads });
        var progress = new ProgressDisplay();
        using var folder = OutputFolder.Create(target, settings.Force);
        var work = new ResultsPipeline(scenario, context).RunAsync(
            folder, (writer, token) => execution.RunAsync(writer, progress, token), cancellationToken);
        await progress.ShowUntilAsync(work, _console, settings.Quiet).ConfigureAwait(false);
        var result = await work.ConfigureAwait(false);
        folder.Commit();

        if (!settings.Quiet)
        {
            await _console.Output.WriteAsync(ConsoleSummary.Render([.. scenario.Variants.Select(v => v.Name)], result.Statistics)).ConfigureAwait(false);
        }
        await _console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"results: {folder.Target} ({result.WallSeconds:F1} s, {result.Summaries.Count} runs)")).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
