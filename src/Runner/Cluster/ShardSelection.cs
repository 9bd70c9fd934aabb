using System.Globalization;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// Which shard this process runs, from the command line or the scheduler's environment, in this order:
/// <list type="number">
/// <item><c>--shard I/N</c> (or <c>--shard none</c>: no sharding, whatever the environment says);</item>
/// <item>the index from <c>SLURM_ARRAY_TASK_ID</c>, else from Kubernetes' <c>JOB_COMPLETION_INDEX</c>;</item>
/// <item>the count from <c>--shard-count N</c> (the task id is then the shard index itself, so a resubmission of a few
/// tasks such as <c>--array=3,5</c> keeps their indexes), else from <c>SLURM_ARRAY_TASK_COUNT</c>, else from
/// <c>SLURM_ARRAY_TASK_MAX - SLURM_ARRAY_TASK_MIN + 1</c>; a count from Slurm's variables counts from
/// <c>SLURM_ARRAY_TASK_MIN</c>, so <c>--array=1-8</c> gives shards 0 to 7.</item>
/// </list>
/// Kubernetes gives no count, so <c>JOB_COMPLETION_INDEX</c> needs <c>--shard-count</c>.
/// </summary>
public static class ShardSelection
{
    public const string None = "none";
    public const string SlurmTaskId = "SLURM_ARRAY_TASK_ID";
    public const string SlurmTaskCount = "SLURM_ARRAY_TASK_COUNT";
    public const string SlurmTaskMin = "SLURM_ARRAY_TASK_MIN";
    public const string SlurmTaskMax = "SLURM_ARRAY_TASK_MAX";
    public const string KubernetesIndex = "JOB_COMPLETION_INDEX";

    /// <summary>The shard to run (null: run everything) and where it came from, for a note on standard error.</summary>
    /// <exception cref="ShardSelectionException">The options or variables are contradictory or out of range.</exception>
    public static (ShardSpec? Shard, string Origin) Resolve(string? shardOption, int? shardCount, Func<string, string?> environment)
    {
        if (shardOption is not null)
        {
            if (shardOption == None)
            {
                return (null, "--shard none");
            }
            if (shardCount is not null)
            {
                throw new ShardSelectionException("give either --shard I/N or --shard-count N, not both");
            }
            return (Parse(shardOption), $"--shard {shardOption}");
        }
        if (shardCount is < 1 or > ShardSpec.MaxCount)
        {
            throw new ShardSelectionException($"--shard-count must be between 1 and {ShardSpec.MaxCount}, got {shardCount}");
        }
        var slurmId = Number(environment, SlurmTaskId);
        var kubernetesIndex = Number(environment, KubernetesIndex);
        if (slurmId is null && kubernetesIndex is null)
        {
            if (shardCount is not null)
            {
                throw new ShardSelectionException(
                    $"--shard-count {shardCount} needs a shard index: from {SlurmTaskId} (a Slurm array task) or {KubernetesIndex} (a Kubernetes indexed Job), or give --shard I/{shardCount}");
            }
            return (null, "");
        }
        var (variable, id) = slurmId is not null ? (SlurmTaskId, slurmId.Value) : (KubernetesIndex, kubernetesIndex!.Value);
        if (shardCount is not null)
        {
            return (Checked(id, shardCount.Value, $"{variable}={id} with --shard-count {shardCount}"), $"{variable}={id}, --shard-count {shardCount}");
        }
        if (slurmId is null)
        {
            throw new ShardSelectionException($"{KubernetesIndex}={id} is set but Kubernetes does not say how many shards there are; pass --shard-count N (the Job's completions)");
        }
        var min = Number(environment, SlurmTaskMin) ?? 0;
        var count = Number(environment, SlurmTaskCount)
            ?? (Number(environment, SlurmTaskMax) is { } max ? max - min + 1 : (long?)null)
            ?? throw new ShardSelectionException($"{SlurmTaskId}={id} is set but neither {SlurmTaskCount} nor {SlurmTaskMax} is; pass --shard-count N");
        var origin = string.Create(CultureInfo.InvariantCulture, $"{SlurmTaskId}={id}, {SlurmTaskMin}={min}, {count} task(s)");
        return (Checked(id - min, count, origin), origin);
    }

    /// <summary>Parses "I/N" (0-based I below N).</summary>
    public static ShardSpec Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !int.TryParse(text[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new ShardSelectionException($"--shard {text}: expected I/N with 0 <= I < N, e.g. --shard 0/8 (or --shard none)");
        }
        return Checked(index, count, $"--shard {text}");
    }

    private static ShardSpec Checked(long index, long count, string origin)
    {
        if (count < 1 || count > ShardSpec.MaxCount)
        {
            throw new ShardSelectionException($"{origin}: the shard count must be between 1 and {ShardSpec.MaxCount}, got {count}");
        }
        if (index < 0 || index >= count)
        {
            throw new ShardSelectionException($"{origin}: the shard index must be between 0 and {count - 1}, got {index} (shards are numbered from 0: use --array=0-{count - 1})");
        }
        return new ShardSpec((int)index, (int)count);
    }

    private static long? Number(Func<string, string?> environment, string name)
    {
        var value = environment(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ShardSelectionException($"{name}={value}: not a whole number");
    }
}
