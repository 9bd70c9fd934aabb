using System.Collections.Immutable;
using System.Globalization;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Calibration;

/// <summary>
/// Evaluates candidates of a scenario's calibration: each candidate is the base scenario with its values set by path (as
/// <c>--set</c> would, after the command line's own overrides, so every value is validated like a setting), run
/// <c>replicates</c> times through <see cref="BatchExecution"/>. Candidate i of every generation uses the replicate
/// seeds <c>ReplicateSeed(seed, i * replicates + r)</c> (common random numbers across generations; different noise across
/// candidates, so the posterior reflects the model's randomness). A target's simulated value is the mean over the
/// replicates; its distance is the squared z-score ((simulated - observed) / sd)^2, for a series the mean over its rows;
/// an undefined value (a ratio over 0) is an infinite distance. A candidate's distance is the sum over targets.
/// </summary>
public sealed class ScenarioCandidateEvaluator : ICandidateEvaluator
{
    private readonly string _text;
    private readonly string _sourceName;
    private readonly IReadOnlyList<string> _overrides;
    private readonly CalibrationConfig _config;
    private readonly ulong _seed;
    private readonly BatchExecution _batch;
    private readonly IProgress<ExecutionProgress>? _progress;

    /// <param name="text">The scenario text; <paramref name="overrides"/> are the command line's --set (seed included).</param>
    public ScenarioCandidateEvaluator(string text, string sourceName, IReadOnlyList<string> overrides, int threads, IProgress<ExecutionProgress>? progress = null)
    {
        _text = text;
        _sourceName = sourceName;
        _overrides = overrides;
        var scenario = ScenarioLoader.Load(text, sourceName, overrides);
        _config = scenario.Calibration ?? throw new ArgumentException("the scenario has no calibration section", nameof(text));
        _seed = scenario.Seed;
        _batch = new BatchExecution(scenario.Seed, threads);
        _progress = progress;
    }

    public int RunsPerCandidate => _config.Replicates;

    public CalibrationConfig Config => _config;

    /// <summary>The <c>--set</c> overrides that give a candidate's values.</summary>
    public static IEnumerable<string> Overrides(CalibrationConfig config, IReadOnlyList<double> values) =>
        config.Parameters.Select((p, k) => $"{p.Path}={values[k].ToString("R", CultureInfo.InvariantCulture)}");

    /// <summary>The base scenario's first variant with a candidate's values.</summary>
    public ModelConfig ModelOf(IReadOnlyList<double> values) =>
        ScenarioLoader.Load(_text, _sourceName, [.. _overrides, .. Overrides(_config, values)]).Variants[0].Model;

    public async Task<IReadOnlyList<CandidateEvaluation>> EvaluateAsync(int generation, int firstIndex, IReadOnlyList<ImmutableArray<double>> values,
        CancellationToken cancellationToken)
    {
        var runs = new List<BatchRun>(values.Count);
        for (var k = 0; k < values.Count; k++)
        {
            var index = firstIndex + k;
            ImmutableArray<ulong> seeds = [.. Enumerable.Range(0, _config.Replicates).Select(r => CounterRng.ReplicateSeed(_seed, index * _config.Replicates + r))];
            runs.Add(new BatchRun(ModelOf(values[k]), seeds));
        }
        var results = await _batch.RunAsync(runs, _progress, cancellationToken).ConfigureAwait(false);
        return [.. results.Select(Evaluate)];
    }

    /// <summary>The targets' simulated values and distances for one candidate's runs.</summary>
    public CandidateEvaluation Evaluate(IReadOnlyList<RunResult> replicates) => Evaluate(_config, replicates);

    /// <summary>The targets' simulated values and distances for one candidate's runs.</summary>
    public static CandidateEvaluation Evaluate(CalibrationConfig config, IReadOnlyList<RunResult> replicates)
    {
        var simulated = ImmutableArray.CreateBuilder<ImmutableArray<double?>>(config.Targets.Length);
        var distances = ImmutableArray.CreateBuilder<double>(config.Targets.Length);
        foreach (var target in config.Targets)
        {
            double?[] values;
            if (target.SeriesPoints.IsDefaultOrEmpty)
            {
                values = [Mean(replicates.Select(r => TargetMetric.Value(r, target)).ToArray())];
                distances.Add(values[0] is { } v && target.Observed is { } observed ? Square((v - observed) / target.Sd) : double.PositiveInfinity);
            }
            else
            {
                var perRun = replicates.Select(r => TargetMetric.SeriesValues(r, target)).ToArray();
                values = [.. Enumerable.Range(0, target.SeriesPoints.Length).Select(k => Mean([.. perRun.Select(r => r[k])]))];
                var sum = 0.0;
                for (var k = 0; k < values.Length; k++)
                {
                    sum += values[k] is { } v ? Square((v - target.SeriesPoints[k].Value) / target.Sd) : double.PositiveInfinity;
                }
                distances.Add(sum / values.Length);
            }
            simulated.Add([.. values]);
        }
        var total = distances.Sum();
        return new CandidateEvaluation(simulated.ToImmutable(), distances.ToImmutable(), double.IsNaN(total) ? double.PositiveInfinity : total);
    }

    private static double? Mean(double?[] values) => values.Any(v => v is null) ? null : values.Average(v => v!.Value);

    private static double Square(double x) => x * x;
}
