using System.Globalization;
using System.Text.Json;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// The shards of a sweep inside its output folder: <c>DIR/shards/shard-IIII-of-NNNN/</c>, each written whole or not at
/// all (an <see cref="OutputFolder"/>), so a shard folder that exists is complete. While a shard runs, its files live in
/// <c>shard-IIII-of-NNNN.tmp-XXXX/</c> beside it; the glob <c>DIR/shards/shard-*-of-????/daily.parquet</c> skips those.
/// </summary>
public static class ShardFolders
{
    public const string Folder = "shards";

    public static string ShardsPath(string root) => Path.Combine(root, Folder);

    public static string PathOf(string root, ShardSpec shard) => Path.Combine(ShardsPath(root), shard.FolderName);

    /// <summary>The complete shards in <paramref name="root"/>, by shard index then count.</summary>
    /// <exception cref="OutputReadException">A shard folder's manifest cannot be read.</exception>
    public static IReadOnlyList<(ShardManifest Manifest, string Path)> ReadComplete(string root)
    {
        var shards = new List<(ShardManifest, string)>();
        var folder = ShardsPath(root);
        if (!Directory.Exists(folder))
        {
            return shards;
        }
        foreach (var path in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (ShardSpec.FromFolderName(Path.GetFileName(path)) is not { } spec)
            {
                continue;
            }
            var manifestPath = Path.Combine(path, ResultsPipeline.ManifestFile);
            ShardManifest? manifest;
            try
            {
                manifest = JsonSerializer.Deserialize<ShardManifest>(File.ReadAllText(manifestPath), ResultsMetadata.JsonOptions);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                throw new OutputReadException($"{manifestPath}: cannot read the shard's manifest: {e.Message}", e);
            }
            if (manifest is null || manifest.ShardIndex != spec.Index || manifest.ShardCount != spec.Count)
            {
                throw new OutputReadException($"{manifestPath}: is not the manifest of shard {spec}");
            }
            shards.Add((manifest, path));
        }
        return shards;
    }

    /// <summary>
    /// Null when <paramref name="manifest"/> belongs to the same sweep as the shards already in <paramref name="root"/>
    /// (same scenario, overrides, seed, version and shard count), else what differs and where.
    /// </summary>
    public static string? DifferenceFromExisting(string root, ResumeIdentity identity, int shardCount)
    {
        foreach (var (other, path) in ReadComplete(root))
        {
            if (other.ShardCount != shardCount)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{path} is one of {other.ShardCount} shards, this run one of {shardCount}");
            }
            if (other.Identity.DifferenceFrom(identity) is { } difference)
            {
                return $"{path} belongs to another sweep: {difference}";
            }
        }
        return null;
    }

    /// <summary>Temporary folders of a shard that is running or was interrupted (empty when none).</summary>
    public static IReadOnlyList<string> Unfinished(string root, ShardSpec shard)
    {
        var folder = ShardsPath(root);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateDirectories(folder, shard.FolderName + ".tmp-*").Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>Shard indexes as Slurm's compact list: "0-3,5,7-8".</summary>
    public static string Ranges(IEnumerable<int> indexes)
    {
        var sorted = indexes.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            parts.Add(i == j
                ? sorted[i].ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }
        return string.Join(",", parts);
    }
}
