using System.Globalization;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Simulation;
using Hcsim.Runner.Output;
using Hcsim.Runner.Plots;
using Spectre.Console;

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
            _console.Ansi.Write(SummaryTable(scenario.Variants.Select(v => v.Name).ToList(), result.Summaries));
        }
        await _console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"results: {folder.Target} ({result.WallSeconds:F1} s, {result.Summaries.Count} runs)")).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>One row per variant: means over replicates of the headline numbers; "-" where a value is undefined.</summary>
    public static Table SummaryTable(IReadOnlyList<string> variants, IReadOnlyList<RunSummary> summaries)
    {
        var table = new Table()
            .AddColumn("variant")
            .AddColumn(new TableColumn("attack rate").RightAligned())
            .AddColumn(new TableColumn("peak quarantined").RightAligned())
            .AddColumn(new TableColumn("quarantine person-days").RightAligned())
            .AddColumn(new TableColumn("false positive share").RightAligned())
            .AddColumn(new TableColumn("infections averted").RightAligned());
        foreach (var variant in variants)
        {
            var runs = summaries.Where(s => s.Variant == variant).ToList();
            table.AddRow(
                Markup.Escape(variant),
                Mean(runs, s => s.AttackRate, "P1"),
                Mean(runs, s => s.PeakQuarantined, "N0"),
                Mean(runs, s => s.QuarantinePersonDays, "N0"),
                Mean(runs, s => s.FalsePositiveShare, "P1"),
                Mean(runs, s => s.InfectionsAverted, "N0"));
        }
        return table;
    }

    private static string Mean(List<RunSummary> runs, Func<RunSummary, double?> value, string format)
    {
        var values = runs.Select(value).OfType<double>().ToList();
        return values.Count == 0 ? "-" : values.Average().ToString(format, CultureInfo.InvariantCulture);
    }
}
