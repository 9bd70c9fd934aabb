using System.Diagnostics;
using System.Globalization;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Search;
using Hcsim.Runner.Cluster;
using Hcsim.Runner.Output;
using Hcsim.Runner.Plots;
using Hcsim.Runner.Search;

namespace Hcsim.Runner.Cli;

/// <summary>
/// <c>hcsim optimise SCENARIO</c>: NSGA-II over the scenario's <c>search</c> section (<see cref="SearchLoop"/>), each
/// generation's candidates simulated in parallel (<see cref="ScenarioSearchEvaluator"/>, or with --slurm as array tasks on a
/// Slurm cluster: <see cref="SlurmSearchEvaluator"/>), a checkpoint per generation,
/// then search.parquet, search.md, front.yaml and plots, committed as <c>hcsim run</c> commits its results
/// (<see cref="GenerationOutput"/>: a temporary folder renamed into place; nothing replaced without --force).
/// </summary>
public sealed class OptimiseCommandAction
{
    /// <summary>Marks the resume identity of a search, so that no other command's <c>--resume</c> adopts its folder.</summary>
    public const string IdentityDetails = "optimise";

    /// <summary>The checkpoint files' prefix: <c>runs/search-generation-NNN.json</c>.</summary>
    public const string CheckpointPrefix = "search-generation-";

    private readonly CliConsole _console;
    private readonly string _version;

    public OptimiseCommandAction(CliConsole console, string version)
    {
        _console = console;
        _version = version;
    }

    /// <summary>The folder under the output's working area (beside the checkpoints) where <c>--slurm</c> writes each generation's sweep.</summary>
    public static readonly string GenerationsFolder = Path.Combine(RunCheckpoints.Folder, "search-generations");

    /// <param name="slurm">With <c>--slurm</c>: the Slurm options each generation is submitted with; null runs on this machine.</param>
    public async Task<int> RunAsync(GenerationSettings settings, CancellationToken cancellationToken, SlurmSettings? slurm = null)
    {
        var started = Stopwatch.StartNew();
        var loaded = ScenarioSource.Load(settings.ScenarioPath, settings.Overrides);
        var scenario = loaded.Scenario;
        var config = scenario.Search ?? throw new ScenarioValidationException([new ScenarioError(loaded.Source, 0, 0, "search",
            "is required by hcsim optimise: the decision variables and the objectives (see the README's Optimise section)")]);
        var target = settings.OutputPath ?? Path.Combine("results", ResultPlots.SafeFileName(scenario.Name) + "-search");
        using var output = GenerationOutput.Open(loaded, target, settings.Overrides, _version, IdentityDetails, settings.Force, settings.Resume, "search");
        var folder = output.Folder;
        try
        {
            var done = GenerationCheckpoints<SearchGeneration>.Load(folder.TemporaryPath, CheckpointPrefix, g => g.Index);
            await output.NoteResumeAsync(_console, settings.Resume, done.Count, "search").ConfigureAwait(false);
            var checkpoints = new GenerationCheckpoints<SearchGeneration>(folder, CheckpointPrefix);
            var progress = new ProgressDisplay();
            var evaluator = new ScenarioSearchEvaluator(loaded.Text, loaded.Source, settings.Overrides, settings.Threads, progress);
            ISearchEvaluator generations = slurm is null
                ? evaluator
                : new SlurmSearchEvaluator(evaluator, loaded.Text, settings.Overrides, folder.PathOf(GenerationsFolder), slurm,
                    settings.Quiet ? new CliConsole(TextWriter.Null, _console.Error, interactive: false) { Environment = _console.Environment } : _console,
                    _version, done.Count);
            var budget = settings.BudgetSince(started);
            var generationLines = new Progress<SearchProgress>(p =>
            {
                if (!settings.Quiet)
                {
                    _console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"hcsim: generation {p.Generation}: {p.Candidates} candidates evaluated, {p.FirstRank} survivors not dominated by any mean, {p.RunsSoFar} runs so far"));
                }
            });
            var work = new SearchLoop(config, evaluator.SearchSeed).RunAsync(generations, done, (g, _) =>
            {
                checkpoints.Save(g, g.Index);
                return Task.CompletedTask;
            }, budget, generationLines, cancellationToken);
            await progress.ShowUntilAsync(work, _console, settings.Quiet).ConfigureAwait(false);
            var outcome = await work.ConfigureAwait(false);
            var assessed = SearchAssessment.Assess(outcome.Candidates, config.Objectives);
            var front = SearchReport.Ordered(assessed.Where(c => c.OnFront));
            await using (var parquet = folder.CreateFile(SearchParquetWriter.FileName))
            {
                await SearchParquetWriter.WriteAsync(parquet, config, assessed, cancellationToken).ConfigureAwait(false);
            }
            await folder.WriteTextAsync(SearchReport.FileName, SearchReport.Render(scenario.Name, config, outcome, assessed, evaluator.CounterfactualRuns,
                started.Elapsed.TotalSeconds, settings.Threads), cancellationToken).ConfigureAwait(false);
            await folder.WriteTextAsync(FrontScenario.FileName, FrontScenario.Write(loaded.Text, scenario.Name, settings.Overrides, config, scenario.Counterfactual, front),
                cancellationToken).ConfigureAwait(false);
            SearchPlots.WriteAll(folder.PathOf("plots"), config, assessed);
            output.Commit();
            if (!settings.Quiet)
            {
                foreach (var c in front)
                {
                    await _console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{FrontScenario.VariantName(c)}: {string.Join(", ", config.Variables.Select((v, k) => $"{v.Path} = {SearchReport.Format(c.Values[k])}"))} -> {string.Join(", ", config.Objectives.Select((o, k) => $"{o.Metric} {SearchReport.Format(c.Mean(k))}"))}")).ConfigureAwait(false);
                }
            }
            await _console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"results: {folder.Target} ({started.Elapsed.TotalSeconds:F1} s, {assessed.Length} candidates x {config.Replicates} replicate(s), {outcome.Runs + evaluator.CounterfactualRuns} runs, {outcome.Generations.Length} generation(s), {front.Count} on the front; {outcome.StopReason})")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        finally
        {
            await output.AbandonAsync(_console, "optimise").ConfigureAwait(false);
        }
    }
}
