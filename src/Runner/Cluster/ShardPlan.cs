using System.Collections.Immutable;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// Which shard runs which (variant, replicate): a pure function of the scenario and the shard count, so every task of an
/// array computes the same plan on its own. Balanced by expected cost, population x days of the variant (a run's time
/// grows with both), with the longest-processing-time rule: runs sorted by cost, most expensive first (ties by run
/// index, variant-major), each given to the shard with the least cost so far (ties to the lowest shard). A shard
/// therefore never gets all the slow variants, and the most loaded shard costs at most 4/3 of the best possible. The runs
/// of a sweep point identical to an earlier variant follow that variant's runs (replicate by replicate) at no cost: the
/// shard copies them rather than simulating them again.
/// </summary>
public sealed class ShardPlan
{
    private readonly int[] _shardOfRun;
    private readonly int _replicates;

    private ShardPlan(int count, int replicates, int[] shardOfRun, ImmutableArray<long> costs)
    {
        Count = count;
        _replicates = replicates;
        _shardOfRun = shardOfRun;
        Costs = costs;
    }

    public int Count { get; }

    /// <summary>Expected cost (person-days) of each shard, by shard index.</summary>
    public ImmutableArray<long> Costs { get; }

    /// <summary>The expected cost of one run of a variant: its population times its days.</summary>
    public static long CostOf(ScenarioVariant variant) => (long)variant.Model.Population.Size * variant.Model.Days;

    public static ShardPlan For(Scenario scenario, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var replicates = scenario.Replicates;
        var runs = scenario.Variants.Length * replicates;
        var twins = ScenarioExecution.TwinsOf(scenario);
        var order = Enumerable.Range(0, runs)
            .Where(run => twins[run / replicates] < 0)
            .Select(run => (Run: run, Cost: CostOf(scenario.Variants[run / replicates])))
            .OrderByDescending(r => r.Cost).ThenBy(r => r.Run)
            .ToList();
        var loads = new long[count];
        var shardOfRun = new int[runs];
        foreach (var (run, cost) in order)
        {
            var lightest = 0;
            for (var s = 1; s < count; s++)
            {
                if (loads[s] < loads[lightest])
                {
                    lightest = s;
                }
            }
            shardOfRun[run] = lightest;
            loads[lightest] += cost;
        }
        // A run of an identical sweep point goes with its twin's run of the same replicate, so the shard copies it
        // instead of simulating it again (at no cost).
        for (var run = 0; run < runs; run++)
        {
            if (twins[run / replicates] is var twin and >= 0)
            {
                shardOfRun[run] = shardOfRun[twin * replicates + run % replicates];
            }
        }
        return new ShardPlan(count, replicates, shardOfRun, [.. loads]);
    }

    /// <summary>The shard of one run.</summary>
    public int ShardOf(int variantIndex, int replicate) => _shardOfRun[variantIndex * _replicates + replicate];

    /// <summary>The runs of one shard, in (variant index, replicate) order.</summary>
    public IReadOnlyList<(int Variant, int Replicate)> RunsOf(int shard)
    {
        var runs = new List<(int, int)>();
        for (var run = 0; run < _shardOfRun.Length; run++)
        {
            if (_shardOfRun[run] == shard)
            {
                runs.Add((run / _replicates, run % _replicates));
            }
        }
        return runs;
    }

    /// <summary>Every run not in <paramref name="shard"/>: the skip set that makes an execution run only this shard.</summary>
    public IReadOnlySet<(int Variant, int Replicate)> RunsNotIn(int shard)
    {
        var skip = new HashSet<(int, int)>();
        for (var run = 0; run < _shardOfRun.Length; run++)
        {
            if (_shardOfRun[run] != shard)
            {
                skip.Add((run / _replicates, run % _replicates));
            }
        }
        return skip;
    }
}
