using System.Collections.Immutable;

namespace Hcsim.Engine.Calibration;

/// <summary>
/// ABC-SMC generation by generation (<see cref="AbcSmc"/>): each generation proposes rounds of <c>particles</c>
/// candidates, evaluates a round at once (in parallel, by the evaluator), and accepts the first <c>particles</c>
/// candidates within its tolerance. It stops when the tolerance reaches <c>tolerance</c>, after <c>generations</c>, when
/// a generation is still short after <c>max_rounds</c> rounds, or when the next round would exceed the budget. Whole
/// rounds only, so the result never depends on threads; a checkpoint after each generation lets a resumed calibration
/// continue exactly as an uninterrupted one.
/// </summary>
public sealed class CalibrationLoop
{
    public const string StopTolerance = "tolerance reached";
    public const string StopGenerations = "all generations run";
    public const string StopRounds = "a generation did not fill its population within max_rounds rounds";
    public const string StopRuns = "budget of runs reached";
    public const string StopMinutes = "budget of time reached";

    private readonly CalibrationConfig _config;
    private readonly AbcSmc _sampler;

    public CalibrationLoop(CalibrationConfig config, ulong seed)
    {
        _config = config;
        _sampler = new AbcSmc(config.Parameters.Select(p => new Prior(p)), seed);
    }

    /// <param name="done">Generations finished before (read from a checkpoint), continued from.</param>
    /// <param name="onGeneration">Called after each generation (to write its checkpoint) before the next starts.</param>
    public async Task<CalibrationOutcome> RunAsync(
        ICandidateEvaluator evaluator,
        IReadOnlyList<CalibrationGeneration> done,
        Func<CalibrationGeneration, CancellationToken, Task> onGeneration,
        CalibrationBudget budget,
        IProgress<CalibrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var generations = new List<CalibrationGeneration>(done);
        var runs = generations.Sum(g => g.Candidates.Length) * evaluator.RunsPerCandidate;
        var roundRuns = _config.Particles * evaluator.RunsPerCandidate;
        var maxRuns = budget.MaxRuns > 0 ? budget.MaxRuns : _config.MaxRuns;
        var maxMinutes = budget.MaxMinutes > 0 ? budget.MaxMinutes : _config.MaxMinutes;
        var lastRoundMinutes = 0.0;
        if (Stopped(generations) is { } finished)
        {
            return new CalibrationOutcome([.. generations], finished, runs);
        }
        while (true)
        {
            var index = generations.Count;
            var previous = generations.Count > 0 ? generations[^1] : null;
            var tolerance = previous is null ? double.PositiveInfinity : AbcSmc.NextTolerance(previous, _config.Quantile);
            var kernel = previous is null ? null : AbcSmc.KernelOf(previous);
            var candidates = new List<CalibrationCandidate>();
            CalibrationGeneration generation;
            string? stop = null;
            while (true)
            {
                if (maxRuns > 0 && runs + roundRuns > maxRuns)
                {
                    stop = StopRuns;
                }
                else if (maxMinutes > 0 && budget.ElapsedMinutes() + lastRoundMinutes > maxMinutes)
                {
                    stop = StopMinutes;
                }
                if (stop is not null)
                {
                    generation = _sampler.Accept(index, tolerance, candidates, _config.Particles, previous, kernel) with { Complete = false };
                    break;
                }
                var started = budget.ElapsedMinutes();
                var first = candidates.Count;
                var values = Enumerable.Range(first, _config.Particles).Select(i => _sampler.Propose(index, i, previous, kernel)).ToList();
                var evaluations = await evaluator.EvaluateAsync(index, first, values, cancellationToken).ConfigureAwait(false);
                runs += roundRuns;
                lastRoundMinutes = budget.ElapsedMinutes() - started;
                for (var k = 0; k < values.Count; k++)
                {
                    candidates.Add(new CalibrationCandidate
                    {
                        Generation = index,
                        Index = first + k,
                        Values = values[k],
                        Simulated = evaluations[k].Simulated,
                        Distances = evaluations[k].Distances,
                        Distance = evaluations[k].Distance,
                    });
                }
                generation = _sampler.Accept(index, tolerance, candidates, _config.Particles, previous, kernel);
                if (generation.Complete || candidates.Count >= _config.Particles * _config.MaxRounds)
                {
                    break;
                }
            }
            if (generation.Candidates.Length > 0)
            {
                generations.Add(generation);
                await onGeneration(generation, cancellationToken).ConfigureAwait(false);
                progress?.Report(new CalibrationProgress(index, tolerance, generation.Population.Count(), generation.Candidates.Length,
                    generation.EffectiveSampleSize, runs));
            }
            if ((stop ?? Stopped(generations)) is { } reason)
            {
                return new CalibrationOutcome([.. generations], reason, runs);
            }
        }
    }

    /// <summary>Why the generations so far end the calibration, or null to go on.</summary>
    private string? Stopped(IReadOnlyList<CalibrationGeneration> generations)
    {
        if (generations.Count == 0)
        {
            return null;
        }
        var last = generations[^1];
        if (!last.Complete)
        {
            return StopRounds;
        }
        if (last.Index > 0 && last.Tolerance <= _config.Tolerance)
        {
            return StopTolerance;
        }
        return generations.Count >= _config.Generations ? StopGenerations : null;
    }

    /// <summary>Weighted posterior mean and 2.5 % and 97.5 % quantiles of each parameter in a population.</summary>
    public static ImmutableArray<PosteriorSummary> Summarise(CalibrationConfig config, CalibrationGeneration posterior)
    {
        var population = posterior.Population.ToArray();
        return [.. config.Parameters.Select((p, k) =>
        {
            var mean = population.Sum(c => c.Weight * c.Values[k]);
            return new PosteriorSummary(p.Path, mean, WeightedQuantile(population, k, 0.025), WeightedQuantile(population, k, 0.975));
        })];
    }

    private static double WeightedQuantile(CalibrationCandidate[] population, int parameter, double p)
    {
        var sorted = population.OrderBy(c => c.Values[parameter]).ThenBy(c => c.Index).ToArray();
        var cumulative = 0.0;
        foreach (var particle in sorted)
        {
            cumulative += particle.Weight;
            if (cumulative >= p)
            {
                return particle.Values[parameter];
            }
        }
        return sorted[^1].Values[parameter];
    }
}
