using System.Collections.Immutable;
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
/// variant and replicate: replicates differ in the epidemic, check-ins and tests, not in the population; with
/// <c>population.redraw_per_replicate</c> each replicate builds its own (see <see cref="ReplicateWorlds"/>). Replicate r
/// uses seed <see cref="CounterRng.ReplicateSeed"/>(scenario seed, r) in every variant. Up to one run per thread goes
/// at once, and each run's phases may use every thread, so a run left alone at the end still uses all cores. A sweep
/// point identical to an earlier variant is not simulated when that variant's run of the same replicate is in this
/// execution: the run is written once more under the point's name (see <see cref="TwinOf"/>).
/// </remarks>
public sealed class ScenarioExecution
{
    public ScenarioExecution(Scenario scenario, ExecutionOptions options)
    {
        Scenario = scenario;
        Options = options;
        Policies = [.. scenario.Variants.Select(v => SimulationRun.CompilePolicy(v.Model))];
        TwinOf = TwinsOf(scenario);
        RegionPolicies = [.. scenario.Variants.Select(v => v.Regions.IsDefaultOrEmpty
            ? ImmutableArray<CompiledPolicy>.Empty
            : [.. v.Regions.Select(r => SimulationRun.CompilePolicy(r.Model))])];
    }

    /// <summary>
    /// For each variant, the earlier variant whose runs it repeats replicate by replicate (same effective settings,
    /// <see cref="Scenario.IdenticalSweepPoints"/>), or -1. With <see cref="ExecutionOptions.ReuseIdenticalRuns"/> such a
    /// variant's run is not simulated when its twin's run of the same replicate is in this execution: the twin's result
    /// is written again under its name (<see cref="RunResult.ReusedFrom"/>).
    /// </summary>
    public ImmutableArray<int> TwinOf { get; }

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
        // Runs of an identical variant whose twin runs here too: not simulated, written as copies of the twin's run.
        var copies = new Dictionary<(int Variant, int Replicate), List<int>>();
        for (var r = 0; r < Scenario.Replicates; r++)
        {
            for (var v = 0; v < Scenario.Variants.Length; v++)
            {
                if (skip.Contains((v, r)))
                {
                    continue;
                }
                if (Options.ReuseIdenticalRuns && TwinOf[v] is var twin and >= 0 && !skip.Contains((twin, r)))
                {
                    if (!copies.TryGetValue((twin, r), out var list))
                    {
                        copies[(twin, r)] = list = [];
                    }
                    list.Add(v);
                    continue;
                }
                runs.Add((v, r));
            }
        }
        if (runs.Count == 0)
        {
            return;
        }
        // Worlds by (population, replicate): one shared world per population unless population.redraw_per_replicate,
        // each region of a multi-region variant with its own.
        var worlds = new ReplicateWorlds(Scenario.Seed, runs.SelectMany(run => Scenario.Variants[run.Variant].Regions.IsDefaultOrEmpty
            ? [(ModelOf(run.Variant, run.Replicate).Population, run.Replicate)]
            : Scenario.Variants[run.Variant].Regions.Select(region => (region.Model.Population, run.Replicate))), Options.DataFiles);
        var threads = Math.Max(1, Options.Threads);
        var concurrent = Math.Max(1, Math.Min(Math.Min(threads, runs.Count), Options.MaxConcurrentRuns));
        // Every run may use all threads in its phases: while runs overlap they share the pool, and when the last run
        // is alone (the longest variant of a province) it still gets every core. Results never depend on it.
        using var phaseParallel = new WorkerPool(threads, cancellationToken);
        var daysTotal = runs.Sum(run => (long)Scenario.Variants[run.Variant].Model.Days);
        long daysDone = 0;
        var runsDone = 0;
        await Parallel.ForEachAsync(
            runs,
            new ParallelOptions { MaxDegreeOfParallelism = concurrent, CancellationToken = cancellationToken },
            async (run, token) =>
            {
                var variant = Scenario.Variants[run.Variant];
                // While several runs go at once their loops share out fewer workers (a failed run ends the execution).
                phaseParallel.RunStarted();
                void DayDone()
                {
                    var done = Interlocked.Increment(ref daysDone);
                    progress?.Report(new ExecutionProgress(done, daysTotal, Volatile.Read(ref runsDone), runs.Count));
                }
                RunResult result;
                if (variant.Regions.IsDefaultOrEmpty)
                {
                    var model = ModelOf(run.Variant, run.Replicate);
                    var world = worlds.Acquire(model.Population, run.Replicate);
                    try
                    {
                        var simulation = new SimulationRun(world, model, PolicyOf(run.Variant, model), ReplicateSeed(run.Replicate), phaseParallel, Options.Details);
                        result = simulation.Run(variant.Name, run.Variant, run.Replicate, DayDone, token);
                    }
                    finally
                    {
                        worlds.Release(model.Population, run.Replicate);
                    }
                }
                else
                {
                    var regionWorlds = variant.Regions.Select(r => worlds.Acquire(r.Model.Population, run.Replicate)).ToArray();
                    try
                    {
                        var regions = new RegionsRun(variant.Regions, [.. regionWorlds],
                            RegionPolicies[run.Variant], variant.Model.Days, ReplicateSeed(run.Replicate), phaseParallel, Options.Details,
                            travel: variant.Model.Travel is not null);
                        result = regions.Run(variant.Name, run.Variant, run.Replicate, DayDone, token);
                    }
                    finally
                    {
                        foreach (var region in variant.Regions)
                        {
                            worlds.Release(region.Model.Population, run.Replicate);
                        }
                    }
                }
                phaseParallel.RunFinished();
                await results.WriteAsync(result, token);
                if (copies.TryGetValue(run, out var twins))
                {
                    foreach (var v in twins)
                    {
                        await results.WriteAsync(Copy(result, v), token);
                    }
                }
                var finished = Interlocked.Increment(ref runsDone);
                progress?.Report(new ExecutionProgress(Interlocked.Read(ref daysDone), daysTotal, finished, runs.Count));
            });
    }

    /// <summary>
    /// A run of <paramref name="variantIndex"/> made from its twin's run of the same replicate: the same numbers under
    /// the variant's name, marked as reused, with no phase times (nothing was simulated for it).
    /// </summary>
    private RunResult Copy(RunResult twin, int variantIndex)
    {
        var name = Scenario.Variants[variantIndex].Name;
        return twin with
        {
            Variant = name,
            VariantIndex = variantIndex,
            Summary = twin.Summary with { Variant = name },
            PhaseTimes = new Dictionary<string, TimeSpan>(),
            ReusedFrom = twin.Variant,
            OtherRegions = [.. twin.OtherRegions.Select(region => Copy(region, variantIndex))],
        };
    }

    /// <summary>For each variant, the index of the earlier variant whose runs it repeats (Scenario.IdenticalSweepPoints), else -1.</summary>
    public static ImmutableArray<int> TwinsOf(Scenario scenario)
    {
        var index = scenario.Variants.Select((v, i) => (v.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var twins = Enumerable.Repeat(-1, scenario.Variants.Length).ToArray();
        foreach (var identical in scenario.IdenticalSweepPoints)
        {
            twins[index[identical.Variant]] = index[identical.SameAs];
        }
        return [.. twins];
    }


    /// <summary>The model run <paramref name="variant"/> x <paramref name="replicate"/> simulates.</summary>
    public ModelConfig ModelOf(int variant, int replicate) => Scenario.ModelOf(variant, replicate);

    /// <summary>The variant's shared policy, or the run's own when drawn inputs change policy parameters.</summary>
    private CompiledPolicy PolicyOf(int variant, ModelConfig model) =>
        Scenario.Uncertainty is { ChangesPolicy: true } ? SimulationRun.CompilePolicy(model) : Policies[variant];
}
