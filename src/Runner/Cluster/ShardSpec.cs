using System.Globalization;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// One shard of a sweep: shard <see cref="Index"/> (0-based) of <see cref="Count"/>. Its runs are the ones
/// <see cref="ShardPlan"/> gives it; its outputs go to <c>DIR/shards/shard-IIII-of-NNNN/</c>.
/// </summary>
public sealed record ShardSpec
{
    /// <summary>At most this many shards, so that folder names keep four digits (a glob can tell them from temporary folders).</summary>
    public const int MaxCount = 9999;

    public ShardSpec(int index, int count)
    {
        if (count < 1 || count > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"the shard count must be between 1 and {MaxCount}");
        }
        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the shard index must be between 0 and {count - 1}");
        }
        Index = index;
        Count = count;
    }

    /// <summary>0-based, below <see cref="Count"/>.</summary>
    public int Index { get; }
    public int Count { get; }

    /// <summary>The shard's folder name inside <c>DIR/shards/</c>, e.g. <c>shard-0003-of-0008</c>.</summary>
    public string FolderName => FolderNameOf(Index, Count);

    public static string FolderNameOf(int index, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"shard-{index:D4}-of-{count:D4}");

    /// <summary>Reads a shard folder name back; null for anything else (temporary folders included).</summary>
    public static ShardSpec? FromFolderName(string name)
    {
        var parts = name.Split('-');
        if (parts.Length == 4 && parts[0] == "shard" && parts[2] == "of" && parts[1].Length == 4 && parts[3].Length == 4
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= MaxCount && index < count)
        {
            return new ShardSpec(index, count);
        }
        return null;
    }

    /// <summary>"3/8" as in <c>--shard 3/8</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
