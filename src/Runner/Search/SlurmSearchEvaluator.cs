using System.Collections.Immutable;
using System.Globalization;
using Hcsim.Engine.Search;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Cluster;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Search;

/// <summary>
/// <c>hcsim optimise --slurm</c>: evaluates each generation on a Slurm cluster. Generation N's candidates are written as
/// a scenario (<c>FOLDER/gNNN.yaml</c>, <see cref="FrontScenario.WithVariants"/>: one variant
/// <c>candidate-I</c> per candidate, the counterfactual kept, the search's replicates and seed, so replicate r of every
/// variant has the seed the single-machine search gives it), swept by <c>hcsim slurm --submit --wait</c>
/// (<see cref="SlurmCommandAction"/>) into <c>FOLDER/gNNN</c>, and read back from its merged summary.parquet through
/// <see cref="ScenarioSearchEvaluator.Objectives(Func{int, string, double?}, Func{int, string, double?}?)"/>, so the objectives
/// are those of a single-machine search. A generation already merged (a resumed search) is read, not resubmitted; one
/// whose tasks partly failed resubmits only its missing shards.
/// </summary>
public sealed class SlurmSearchEvaluator : ISearchEvaluator
{
    private readonly ScenarioSearchEvaluator _scenario;
    private readonly string _text;
    private readonly IReadOnlyList<string> _overrides;
    private readonly string _folder;
    private readonly SlurmSettings _slurm;
    private readonly SlurmCommandAction _action;
    private int _generation;

    /// <param name="scenario">The single-machine evaluator of the same scenario: its candidates' models and objectives.</param>
    /// <param name="text">The scenario text; <paramref name="overrides"/> are the command line's --set (seed included).</param>
    /// <param name="folder">Where the generations' folders go (on storage every node sees).</param>
    /// <param name="slurm">The Slurm options (tasks, CPUs, memory, time, partition, hcsim command); scenario and folder are set per generation.</param>
    /// <param name="firstGeneration">The generation the next call evaluates (those finished before a resume).</param>
    public SlurmSearchEvaluator(ScenarioSearchEvaluator scenario, string text, IReadOnlyList<string> overrides, string folder, SlurmSettings slurm,
        CliConsole console, string version, int firstGeneration)
    {
        _scenario = scenario;
        _text = text;
        _overrides = overrides;
        _folder = Path.GetFullPath(folder);
        _slurm = slurm;
        _action = new SlurmCommandAction(console, version);
        _generation = firstGeneration;
    }

    public int RunsPerCandidate => _scenario.RunsPerCandidate;

    /// <summary>The variant name of candidate <paramref name="index"/> of a generation.</summary>
    public static string VariantName(int index) => string.Create(CultureInfo.InvariantCulture, $"candidate-{index}");

    /// <summary>The folder of generation <paramref name="generation"/>.</summary>
    public string GenerationFolder(int generation) => Path.Combine(_folder, string.Create(CultureInfo.InvariantCulture, $"g{generation:D3}"));

    public async Task<IReadOnlyList<ImmutableArray<ImmutableArray<double>>>> EvaluateAsync(IReadOnlyList<ImmutableArray<double>> values,
        CancellationToken cancellationToken)
    {
        foreach (var v in values)
        {
            // The same located error as a single-machine search for a value the model does not accept, before submitting.
            _scenario.ModelOf(v);
        }
        var generation = _generation;
        var root = GenerationFolder(generation);
        Directory.CreateDirectory(_folder);
        // Beside the sweep's folder, which holds only what hcsim slurm and merge write.
        var scenarioPath = root + ".yaml";
        var name = string.Create(CultureInfo.InvariantCulture, $"{_scenario.Scenario.Name}-g{generation:D3}");
        var text = FrontScenario.WithVariants(_text, name, _overrides, _scenario.Config, _scenario.Scenario.Counterfactual,
            [.. values.Select((v, i) => new PolicyVariant(VariantName(i), v, string.Create(CultureInfo.InvariantCulture, $"Search candidate {i} of generation {generation}")))],
            string.Create(CultureInfo.InvariantCulture, $"# Written by hcsim optimise --slurm: generation {generation} of {_scenario.Scenario.Name}, one variant per candidate ({values.Count})."));
        // Written only when it differs, so that a resumed generation keeps its file (and its shards' identity).
        if (!File.Exists(scenarioPath) || await File.ReadAllTextAsync(scenarioPath, cancellationToken).ConfigureAwait(false) != text)
        {
            await File.WriteAllTextAsync(scenarioPath + ".tmp", text, cancellationToken).ConfigureAwait(false);
            File.Move(scenarioPath + ".tmp", scenarioPath, overwrite: true);
        }
        var code = await _action.RunAsync(_slurm with
        {
            ScenarioPath = scenarioPath,
            OutputPath = root,
            Overrides = [],
            Submit = true,
            Wait = true,
        }, cancellationToken).ConfigureAwait(false);
        if (code != ExitCodes.Ok)
        {
            throw new OutputReadException(string.Create(CultureInfo.InvariantCulture,
                $"generation {generation}'s Slurm jobs did not finish (hcsim slurm exit code {code}, see above); run the same 'hcsim optimise ... --slurm --resume' to resubmit only what is missing"));
        }
        var rows = await SummaryParquetReader.ReadAsync(Path.Combine(root, ResultsPipeline.SummaryFile), cancellationToken).ConfigureAwait(false);
        var byRun = rows.ToDictionary(r => (r.Variant, r.Replicate));
        Func<int, string, double?> Of(string variant) => (replicate, metric) =>
            byRun.TryGetValue((variant, replicate), out var row)
                ? row[metric]
                : throw new OutputReadException(string.Create(CultureInfo.InvariantCulture, $"{root}: summary.parquet has no run of variant '{variant}', replicate {replicate}"));
        var counterfactual = _scenario.NeedsCounterfactual ? Of(_scenario.Scenario.Counterfactual!) : null;
        var objectives = values.Select((_, i) => _scenario.Objectives(Of(VariantName(i)), counterfactual)).ToList();
        _generation = generation + 1;
        return objectives;
    }
}
