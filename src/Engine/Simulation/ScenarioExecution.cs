using System.Collections.Immutable;
using System.Text.Json;
using System.Threading.Channels;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Random;
using Hcsim.Engine.Regions;
using Hcsim.Engine.Rules;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Simulation;

/// <summary>
/// Runs every variant x replicate of a scenario and writes each finished run to a channel (in completion order;
/// consumers that need a fixed order sort by variant index and replicate).
/// </summary>
/// <remarks>
/// The world is built once per distinct population config from the scenario seed and shared, read-only, by every
/// variant and replicate: replicates differ in the epidemic, check-ins and tests, not in the population. Replicate r
/// uses seed <see cref="CounterRng.ReplicateSeed"/>(scenario seed, r) in every variant. Up to one run per thread goes
/// at once, and each run's phases may use every thread, so a run left alone at the end still uses all cores.
/// </remarks>
public sealed class ScenarioExecution
{
    public ScenarioExecution(Scenario scenario, ExecutionOptions options)
    {
        Scenario = scenario;
        Options = options;
        Policies = [.. scenario.Variants.Select(v => SimulationRun.CompilePolicy(v.Model))];
        RegionPolicies = [.. scenario.Variants.Select(v => v.Regions.IsDefaultOrEmpty
            ? ImmutableArray<CompiledPolicy>.Empty
            : [.. v.Regions.Select(r => SimulationRun.CompilePolicy(r.Model))])];
    }

    /// <summary>Each multi-region variant's policies, one per region (empty for a single-region variant).</summary>
    public ImmutableArray<ImmutableArray<CompiledPolicy>> RegionPolicies { get; }

    /// <summary>Each variant's policy, compiled once here and shared by all its replicates.</summary>
    public ImmutableArray<CompiledPolicy> Policies { get; }

    public Scenario Scenario { get; }
    public ExecutionOptions Options { get; }
    public int RunCount => Scenario.Variants.Length * Scenario.Replicates;

    /// <summary>The seed of replicate r (shared by all variants).</summary>
    public ulong ReplicateSeed(int replicate) => CounterRng.ReplicateSeed(Scenario.Seed, replicate);

    /// <summary>Runs everything; completes <paramref name="results"/> when done, or with the failure.</summary>
    /// <param name="skip">(variant index, replicate) pairs already done (resuming an interrupted run): not simulated.
    /// Every run is the same pure function of world, variant and replicate seed, so the others come out as they would have.</param>
    public async Task RunAsync(
        ChannelWriter<RunResult> results,
        IProgress<ExecutionProgress>? progress,
        CancellationToken cancellationToken,
        IReadOnlySet<(int Variant, int Replicate)>? skip = null)
    {
        var all = RunAllAsync(results, progress, skip ?? new HashSet<(int, int)>(), cancellationToken);
        try
        {
            await all;
        }
        finally
        {
            // The failure (if any) travels to the consumer through the channel as well as to the caller.
            results.TryComplete(all.IsCanceled ? new OperationCanceledException(cancellationToken) : all.Exception?.GetBaseException());
        }
    }

    private async Task RunAllAsync(
        ChannelWriter<RunResult> results,
        IProgress<ExecutionProgress>? progress,
        IReadOnlySet<(int Variant, int Replicate)> skip,
        CancellationToken cancellationToken)
    {
        await Task.Yield();
        var runs = new List<(int Variant, int Replicate)>();
        for (var r = 0; r < Scenario.Replicates; r++)
        {
            for (var v = 0; v < Scenario.Variants.Length; v++)
            {
                if (!skip.Contains((v, r)))
                {
                    runs.Add((v, r));
                }
            }
        }
        if (runs.Count == 0)
        {
            return;
        }
        var worlds = new Dictionary<string, World>();
        foreach (var (v, _) in runs)
        {
            foreach (var region in Scenario.Variants[v].RegionModels)
            {
                var key = PopulationKey(region.Model.Population);
                if (!worlds.ContainsKey(key))
                {
                    worlds[key] = WorldBuilder.Build(region.Model.Population, Scenario.Seed);
                }
            }
        }
        var threads = Math.Max(1, Options.Threads);
        var concurrent = Math.Max(1, Math.Min(Math.Min(threads, runs.Count), Options.MaxConcurrentRuns));
        // Every run may use all threads in its phases: while runs overlap they share the pool, and when the last run
        // is alone (the longest variant of a province) it still gets every core. Results never depend on it.
        var phaseParallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        var daysTotal = runs.Sum(run => (long)Scenario.Variants[run.Variant].Model.Days);
        long daysDone = 0;
        var runsDone = 0;
        await Parallel.ForEachAsync(
            runs,
            new ParallelOptions { MaxDegreeOfParallelism = concurrent, CancellationToken = cancellationToken },
            async (run, token) =>
            {
                var variant = Scenario.Variants[run.Variant];
                void DayDone()
                {
                    var done = Interlocked.Increment(ref daysDone);
                    progress?.Report(new ExecutionProgress(done, daysTotal, Volatile.Read(ref runsDone), runs.Count));
                }
                RunResult result;
                if (variant.Regions.IsDefaultOrEmpty)
                {
                    var world = worlds[PopulationKey(variant.Model.Population)];
                    var simulation = new SimulationRun(world, variant.Model, Policies[run.Variant], ReplicateSeed(run.Replicate), phaseParallel, Options.Details);
                    result = simulation.Run(variant.Name, run.Variant, run.Replicate, DayDone, token);
                }
                else
                {
                    var regions = new RegionsRun(variant.Regions, [.. variant.Regions.Select(r => worlds[PopulationKey(r.Model.Population)])],
                        RegionPolicies[run.Variant], variant.Model.Days, ReplicateSeed(run.Replicate), phaseParallel, Options.Details,
                        travel: variant.Model.Travel is not null);
                    result = regions.Run(variant.Name, run.Variant, run.Replicate, DayDone, token);
                }
                await results.WriteAsync(result, token);
                var finished = Interlocked.Increment(ref runsDone);
                progress?.Report(new ExecutionProgress(Interlocked.Read(ref daysDone), daysTotal, finished, runs.Count));
            });
    }

    private static string PopulationKey(PopulationConfig population) => JsonSerializer.Serialize(population);
}
