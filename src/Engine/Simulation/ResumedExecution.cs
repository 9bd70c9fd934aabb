using System.Text.Json;
using System.Threading.Channels;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Simulation;

/// <summary>
/// Runs only the variant x replicate pairs of a scenario that are not already done, for resuming an interrupted run.
/// Each run is the same pure function of (world, variant, replicate seed) as in <see cref="ScenarioExecution"/>, so a
/// run simulated here is identical to the one an uninterrupted execution would have produced.
/// </summary>
/// <remarks>
/// Kept beside <see cref="ScenarioExecution"/> rather than inside it so that the two can be merged once the scheduling
/// there settles: the only difference is the <c>done</c> filter. Worlds are built only for populations that still have
/// runs to do.
/// </remarks>
public sealed class ResumedExecution
{
    private readonly ScenarioExecution _execution;
    private readonly IReadOnlySet<(int Variant, int Replicate)> _done;

    public ResumedExecution(ScenarioExecution execution, IReadOnlySet<(int Variant, int Replicate)> done)
    {
        _execution = execution;
        _done = done;
    }

    /// <summary>The runs still to simulate, replicate-major like <see cref="ScenarioExecution"/>.</summary>
    public IReadOnlyList<(int Variant, int Replicate)> Remaining()
    {
        var scenario = _execution.Scenario;
        var runs = new List<(int Variant, int Replicate)>();
        for (var r = 0; r < scenario.Replicates; r++)
        {
            for (var v = 0; v < scenario.Variants.Length; v++)
            {
                if (!_done.Contains((v, r)))
                {
                    runs.Add((v, r));
                }
            }
        }
        return runs;
    }

    /// <summary>Simulates the remaining runs and writes each to <paramref name="results"/>; does not complete it.</summary>
    public async Task RunAsync(ChannelWriter<RunResult> results, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var scenario = _execution.Scenario;
        var runs = Remaining();
        if (runs.Count == 0)
        {
            return;
        }
        var worlds = new Dictionary<string, World>(StringComparer.Ordinal);
        foreach (var (v, _) in runs)
        {
            var population = scenario.Variants[v].Model.Population;
            var key = JsonSerializer.Serialize(population);
            if (!worlds.ContainsKey(key))
            {
                worlds[key] = WorldBuilder.Build(population, scenario.Seed);
            }
        }
        var threads = Math.Max(1, _execution.Options.Threads);
        var concurrent = Math.Min(threads, runs.Count);
        var phaseParallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads / concurrent), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(
            runs,
            new ParallelOptions { MaxDegreeOfParallelism = concurrent, CancellationToken = cancellationToken },
            async (run, token) =>
            {
                var variant = scenario.Variants[run.Variant];
                var world = worlds[JsonSerializer.Serialize(variant.Model.Population)];
                var simulation = new SimulationRun(world, variant.Model, _execution.ReplicateSeed(run.Replicate), phaseParallel);
                var result = simulation.Run(variant.Name, run.Variant, run.Replicate, () => { }, token);
                await results.WriteAsync(result, token);
            });
    }
}
