using System.Globalization;

namespace Hcsim.Runner.Cli;

/// <summary>
/// The memory a run may use now: what the machine has available (not its total: other processes' use counts), and
/// no more than the container's cgroup limit leaves, with where the number came from, for messages.
/// </summary>
/// <param name="Bytes">Available bytes.</param>
/// <param name="Source">Where the number comes from, e.g. "MemAvailable in /proc/meminfo".</param>
public sealed record AvailableMemory(long Bytes, string Source)
{
    /// <summary>cgroup v1 writes a number near 2^63 for "no limit".</summary>
    private const long NoLimitAbove = 1L << 60;

    /// <summary>
    /// Reads <c>/proc/meminfo</c> (MemAvailable) and the cgroup limit (v2 <c>memory.max</c> minus <c>memory.current</c>,
    /// or v1 <c>memory.limit_in_bytes</c> minus <c>memory.usage_in_bytes</c>) under <paramref name="root"/>, and takes the
    /// smaller; without either (not Linux), the .NET runtime's <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>.
    /// </summary>
    /// <param name="root">The file-system root; tests pass a folder holding fake <c>proc</c> and <c>sys</c> files.</param>
    public static AvailableMemory Measure(string root = "/")
    {
        var candidates = new List<AvailableMemory>();
        if (ReadText(root, "proc/meminfo") is { } meminfo && ParseMemAvailable(meminfo) is { } available)
        {
            candidates.Add(new AvailableMemory(available, "MemAvailable in /proc/meminfo"));
        }
        foreach (var (limitFile, usageFile) in CgroupFiles(ReadText(root, "proc/self/cgroup") ?? ""))
        {
            if (ParseBytes(ReadText(root, limitFile)) is { } limit && limit < NoLimitAbove)
            {
                var used = ParseBytes(ReadText(root, usageFile)) ?? 0;
                candidates.Add(new AvailableMemory(Math.Max(0, limit - used), $"the cgroup limit /{limitFile} less its use"));
                break;
            }
        }
        return candidates.Count > 0
            ? candidates.MinBy(c => c.Bytes)!
            : new AvailableMemory(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, "the .NET runtime's memory limit");
    }

    /// <summary>
    /// The (limit, usage) files to try, the process's own cgroup (from <c>/proc/self/cgroup</c>) first, then the root of
    /// the cgroup mount (where a container sees its own limit).
    /// </summary>
    private static IEnumerable<(string Limit, string Usage)> CgroupFiles(string selfCgroup)
    {
        foreach (var line in selfCgroup.Split('\n'))
        {
            var fields = line.Split(':', 3);
            if (fields.Length == 3 && fields[2].Trim() is { Length: > 1 } path)
            {
                if (fields[0] == "0" && fields[1].Length == 0)
                {
                    yield return ($"sys/fs/cgroup{path}/memory.max", $"sys/fs/cgroup{path}/memory.current");
                }
                else if (fields[1].Split(',').Contains("memory"))
                {
                    yield return ($"sys/fs/cgroup/memory{path}/memory.limit_in_bytes", $"sys/fs/cgroup/memory{path}/memory.usage_in_bytes");
                }
            }
        }
        yield return ("sys/fs/cgroup/memory.max", "sys/fs/cgroup/memory.current");
        yield return ("sys/fs/cgroup/memory/memory.limit_in_bytes", "sys/fs/cgroup/memory/memory.usage_in_bytes");
    }

    /// <summary>MemAvailable of a /proc/meminfo text, in bytes; null when absent.</summary>
    public static long? ParseMemAvailable(string meminfo)
    {
        foreach (var line in meminfo.Split('\n'))
        {
            if (!line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                continue;
            }
            var parts = line["MemAvailable:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return parts.Length >= 2 && parts[1] == "kB" ? value * 1024 : value;
            }
        }
        return null;
    }

    /// <summary>A cgroup file's number of bytes; null for "max", empty or missing.</summary>
    public static long? ParseBytes(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? ReadText(string root, string relative)
    {
        try
        {
            var path = Path.Combine(root, relative);
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
