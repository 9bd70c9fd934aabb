using System.Text.Json;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Metrics;

namespace Hcsim.Engine.Simulation;

/// <summary>
/// Runs batches of candidate models (calibration particles, policy-search points), each with its own replicate seeds,
/// in parallel over every thread, and returns the results in candidate and replicate order: the same for any thread
/// count. Worlds are built from the world seed once per distinct population config and kept while the next batch
/// uses them, so candidates that change only the epidemic or the policy share one world (common random numbers).
/// </summary>
public sealed class BatchExecution
{
    private readonly ulong _worldSeed;
    private readonly int _threads;
    private Dictionary<string, World> _worlds = [];

    public BatchExecution(ulong worldSeed, int threads)
    {
        _worldSeed = worldSeed;
        _threads = Math.Max(1, threads);
    }

    /// <summary>Runs every replicate of every candidate; result [c][r] is candidate c's replicate r.</summary>
    public async Task<RunResult[][]> RunAsync(IReadOnlyList<BatchRun> candidates, IProgress<ExecutionProgress>? progress, CancellationToken cancellationToken)
    {
        var worlds = new Dictionary<string, World>();
        var keys = new string[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            keys[c] = JsonSerializer.Serialize(candidates[c].Model.Population);
            if (!worlds.ContainsKey(keys[c]))
            {
                worlds[keys[c]] = _worlds.TryGetValue(keys[c], out var built) ? built : WorldBuilder.Build(candidates[c].Model.Population, _worldSeed);
            }
        }
        // Only the worlds this batch used are kept: a fit of the population itself does not hoard worlds.
        _worlds = worlds;
        var policies = candidates.Select(c => SimulationRun.CompilePolicy(c.Model)).ToArray();
        var results = candidates.Select(c => new RunResult[c.Seeds.Length]).ToArray();
        var runs = new List<(int Candidate, int Replicate)>();
        for (var c = 0; c < candidates.Count; c++)
        {
            for (var r = 0; r < candidates[c].Seeds.Length; r++)
            {
                runs.Add((c, r));
            }
        }
        var daysTotal = runs.Sum(run => (long)candidates[run.Candidate].Model.Days);
        long daysDone = 0;
        var runsDone = 0;
        using var phaseParallel = new WorkerPool(_threads, cancellationToken);
        await Parallel.ForEachAsync(runs, new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellationToken }, (run, token) =>
        {
            var candidate = candidates[run.Candidate];
            var simulation = new SimulationRun(worlds[keys[run.Candidate]], candidate.Model, policies[run.Candidate], candidate.Seeds[run.Replicate], phaseParallel);
            phaseParallel.RunStarted();
            results[run.Candidate][run.Replicate] = simulation.Run($"candidate-{run.Candidate}", run.Candidate, run.Replicate, () =>
            {
                var done = Interlocked.Increment(ref daysDone);
                progress?.Report(new ExecutionProgress(done, daysTotal, Volatile.Read(ref runsDone), runs.Count));
            }, token);
            phaseParallel.RunFinished();
            var finished = Interlocked.Increment(ref runsDone);
            progress?.Report(new ExecutionProgress(Interlocked.Read(ref daysDone), daysTotal, finished, runs.Count));
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        return results;
    }
}
