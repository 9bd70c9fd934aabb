using System.Collections.Immutable;
using Hcsim.Engine.Calibration;

namespace Hcsim.Engine.Search;

/// <summary>
/// NSGA-II generation by generation (<see cref="Nsga2"/>): generation 0 draws <c>population_size</c> candidates from the
/// ranges; each later generation breeds as many children from the previous survivors, evaluates them at once (in
/// parallel, by the evaluator), and keeps the best <c>population_size</c> of survivors and children by rank and crowding.
/// It stops after <c>generations</c> or when the next generation would exceed the budget. Whole generations only, so the
/// result never depends on threads; a checkpoint after each generation lets a resumed search continue exactly as an
/// uninterrupted one.
/// </summary>
public sealed class SearchLoop
{
    public const string StopGenerations = "all generations run";
    public const string StopRuns = "budget of runs reached";
    public const string StopMinutes = "budget of time reached";

    private readonly SearchConfig _config;
    private readonly Nsga2 _nsga2;

    /// <param name="seed">The search's seed (the section's, or the scenario's when it gives 0).</param>
    public SearchLoop(SearchConfig config, ulong seed)
    {
        _config = config;
        _nsga2 = new Nsga2(config.Variables, seed);
    }

    /// <param name="done">Generations finished before (read from a checkpoint), continued from.</param>
    /// <param name="onGeneration">Called after each generation (to write its checkpoint) before the next starts.</param>
    public async Task<SearchOutcome> RunAsync(
        ISearchEvaluator evaluator,
        IReadOnlyList<SearchGeneration> done,
        Func<SearchGeneration, CancellationToken, Task> onGeneration,
        CalibrationBudget budget,
        IProgress<SearchProgress>? progress,
        CancellationToken cancellationToken)
    {
        var generations = new List<SearchGeneration>(done);
        var archive = generations.SelectMany(g => g.Candidates).ToDictionary(c => c.Id);
        var seen = archive.Values.Select(c => Nsga2.Key(c.Values)).ToHashSet(StringComparer.Ordinal);
        var size = _config.PopulationSize;
        var runs = archive.Count * evaluator.RunsPerCandidate;
        var generationRuns = size * evaluator.RunsPerCandidate;
        var maxRuns = budget.MaxRuns > 0 ? budget.MaxRuns : _config.MaxRuns;
        var maxMinutes = budget.MaxMinutes > 0 ? budget.MaxMinutes : _config.MaxMinutes;
        var lastMinutes = 0.0;
        var stop = StopGenerations;
        while (generations.Count < _config.Generations)
        {
            if (maxRuns > 0 && runs + generationRuns > maxRuns)
            {
                stop = StopRuns;
                break;
            }
            if (maxMinutes > 0 && budget.ElapsedMinutes() + lastMinutes > maxMinutes)
            {
                stop = StopMinutes;
                break;
            }
            var started = budget.ElapsedMinutes();
            var index = generations.Count;
            var parents = index == 0 ? [] : generations[^1].Survivors.Select(id => archive[id]).ToArray();
            List<ImmutableArray<double>> values;
            if (index == 0)
            {
                values = [.. Enumerable.Range(0, size).Select(_nsga2.Initial)];
                foreach (var v in values)
                {
                    seen.Add(Nsga2.Key(v));
                }
            }
            else
            {
                values = _nsga2.Offspring(index, [.. parents.Select(p => p.Values)], [.. parents.Select(p => p.MinimisedBy(_config.Objectives))], size, seen);
            }
            var samples = await evaluator.EvaluateAsync(values, cancellationToken).ConfigureAwait(false);
            runs += generationRuns;
            lastMinutes = budget.ElapsedMinutes() - started;
            ImmutableArray<SearchCandidate> candidates = [.. values.Select((v, i) => new SearchCandidate
            {
                Generation = index,
                Index = i,
                Id = index * size + i,
                Values = v,
                Samples = samples[i],
            })];
            foreach (var c in candidates)
            {
                archive[c.Id] = c;
            }
            SearchCandidate[] pool = [.. parents, .. candidates];
            var survivors = Nsga2.Select([.. pool.Select(c => c.MinimisedBy(_config.Objectives))], size);
            var generation = new SearchGeneration
            {
                Index = index,
                Candidates = candidates,
                Survivors = [.. survivors.Select(i => pool[i].Id)],
            };
            generations.Add(generation);
            await onGeneration(generation, cancellationToken).ConfigureAwait(false);
            var ranks = Nsga2.Ranks([.. generation.Survivors.Select(id => archive[id].MinimisedBy(_config.Objectives))]);
            progress?.Report(new SearchProgress(index, candidates.Length, ranks.Count(r => r == 0), runs));
        }
        return new SearchOutcome([.. generations], stop, runs);
    }
}
