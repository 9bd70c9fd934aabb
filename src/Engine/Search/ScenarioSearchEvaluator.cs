using System.Collections.Immutable;
using System.Globalization;
using Hcsim.Engine.Calibration;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Uncertainty;

namespace Hcsim.Engine.Search;

/// <summary>
/// Evaluates candidate policies of a scenario's search: each candidate is the base scenario's model (after the command
/// line's overrides) with its decision values set by path (<see cref="SettingWriter"/>) and validated as a variant's
/// model is (a rule a candidate switches off is fine: it is left out), run <c>replicates</c> times through
/// <see cref="BatchExecution"/>. Replicate r of every candidate uses the
/// seed <c>ReplicateSeed(scenario seed, r)</c>, the seed <c>hcsim run</c> gives replicate r (common random numbers: the
/// candidates differ by their policy only, and a front policy re-run from front.yaml repeats its runs). An objective's
/// value in a run is the summary column; <c>infections_averted</c> is the counterfactual's infections in the same
/// replicate minus the candidate's, the counterfactual run once per replicate and kept.
/// </summary>
public sealed class ScenarioSearchEvaluator : ISearchEvaluator
{
    public const string InfectionsAverted = "infections_averted";

    /// <summary>The summary column <c>infections_averted</c> is measured with.</summary>
    public const string TotalInfections = "total_infections";

    private readonly ImmutableArray<ulong> _seeds;
    private readonly ModelConfig? _counterfactual;
    private readonly BatchExecution _batch;
    private readonly IProgress<ExecutionProgress>? _progress;
    private RunResult[]? _counterfactualRuns;

    /// <param name="text">The scenario text; <paramref name="overrides"/> are the command line's --set (seed included).</param>
    public ScenarioSearchEvaluator(string text, string sourceName, IReadOnlyList<string> overrides, int threads, IProgress<ExecutionProgress>? progress = null)
    {
        var scenario = ScenarioLoader.Load(text, sourceName, overrides);
        Config = scenario.Search ?? throw new ArgumentException("the scenario has no search section", nameof(text));
        Scenario = scenario;
        _seeds = [.. Enumerable.Range(0, Config.Replicates).Select(r => CounterRng.ReplicateSeed(scenario.Seed, r))];
        _counterfactual = Config.Objectives.Any(o => o.Metric == InfectionsAverted)
            ? scenario.Variants.First(v => v.Name == scenario.Counterfactual).Model
            : null;
        _batch = new BatchExecution(scenario.Seed, threads);
        _progress = progress;
    }

    public SearchConfig Config { get; }

    /// <summary>The scenario searched (with the command line's overrides).</summary>
    public Scenario Scenario { get; }

    /// <summary>The seed of the search's draws: the section's, or the scenario's when the section gives 0.</summary>
    public ulong SearchSeed => Config.Seed == 0 ? Scenario.Seed : (ulong)Config.Seed;

    public int RunsPerCandidate => Config.Replicates;

    /// <summary>Runs of the counterfactual (once per replicate, for <c>infections_averted</c>), 0 without it.</summary>
    public int CounterfactualRuns => _counterfactual is null ? 0 : Config.Replicates;

    /// <summary>The base scenario's model with a candidate's values; a value the model does not accept is a scenario error.</summary>
    public ModelConfig ModelOf(IReadOnlyList<double> values)
    {
        var model = Scenario.Variants[0].Model;
        for (var k = 0; k < values.Count; k++)
        {
            model = SettingWriter.With(model, Config.Variables[k].Path.Split('.'), values[k]);
        }
        var validator = new ScenarioValidator();
        validator.ValidateModel(model);
        // Rules that can never fire under these values are simply off for this candidate (as in a variant).
        var problems = validator.Problems.Where(p => p.Idle is null).ToArray();
        if (problems.Length > 0)
        {
            var candidate = string.Join(", ", Config.Variables.Select((v, k) => $"{v.Path} = {values[k].ToString("G6", CultureInfo.InvariantCulture)}"));
            throw new ScenarioValidationException([.. problems.Select(p => new ScenarioError($"search candidate ({candidate})", 0, 0, p.Path, p.Message))]);
        }
        return model;
    }

    public async Task<IReadOnlyList<ImmutableArray<ImmutableArray<double>>>> EvaluateAsync(IReadOnlyList<ImmutableArray<double>> values,
        CancellationToken cancellationToken)
    {
        var runs = values.Select(v => new BatchRun(ModelOf(v), _seeds)).ToList();
        var withCounterfactual = _counterfactual is not null && _counterfactualRuns is null;
        if (withCounterfactual)
        {
            runs.Add(new BatchRun(_counterfactual!, _seeds));
        }
        var results = await _batch.RunAsync(runs, _progress, cancellationToken).ConfigureAwait(false);
        if (withCounterfactual)
        {
            _counterfactualRuns = results[^1];
        }
        return [.. results.Take(values.Count).Select(Objectives)];
    }

    /// <summary>One candidate's objective values, [objective][replicate], from its runs.</summary>
    private ImmutableArray<ImmutableArray<double>> Objectives(RunResult[] replicates) =>
        Objectives((r, metric) => TargetMetric.SummaryValue(replicates[r], metric),
            _counterfactualRuns is null ? null : (r, metric) => TargetMetric.SummaryValue(_counterfactualRuns[r], metric));

    /// <summary>
    /// One candidate's objective values, [objective][replicate], from its summary values (replicate, summary column) and
    /// the counterfactual's (null without <c>infections_averted</c>): what this evaluator returns, whether the runs are
    /// in memory or read back from a summary.parquet.
    /// </summary>
    public ImmutableArray<ImmutableArray<double>> Objectives(Func<int, string, double?> candidate, Func<int, string, double?>? counterfactual) =>
        [.. Config.Objectives.Select(o => Enumerable.Range(0, Config.Replicates).Select(r => o.Metric == InfectionsAverted
            ? counterfactual!(r, TotalInfections)!.Value - candidate(r, TotalInfections)!.Value
            : candidate(r, o.Metric) ?? double.NaN).ToImmutableArray())];

    /// <summary>True when an objective needs the counterfactual's runs (<c>infections_averted</c>).</summary>
    public bool NeedsCounterfactual => _counterfactual is not null;
}
