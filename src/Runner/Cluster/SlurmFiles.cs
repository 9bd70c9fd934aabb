using System.Globalization;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// What <c>hcsim slurm</c> keeps in <c>DIR/slurm/</c>: the two batch scripts, one log per task
/// (<c>logs/shard-I.out</c>, <c>logs/merge.out</c>) and the exit status each task writes when it ends
/// (<c>status/task-I.exit</c>, <c>status/merge.exit</c>), which tell a failed task from one still to run without
/// Slurm's accounting.
/// </summary>
public static class SlurmFiles
{
    public const string Folder = "slurm";

    public static string FolderOf(string root) => Path.Combine(root, Folder);
    public static string ShardScript(string root) => Path.Combine(root, Folder, "shards.sbatch");
    public static string MergeScript(string root) => Path.Combine(root, Folder, "merge.sbatch");
    public static string Logs(string root) => Path.Combine(root, Folder, "logs");
    public static string Status(string root) => Path.Combine(root, Folder, "status");
    public static string TaskLog(string root, int index) => Path.Combine(Logs(root), string.Create(CultureInfo.InvariantCulture, $"shard-{index}.out"));
    public static string MergeLog(string root) => Path.Combine(Logs(root), "merge.out");
    public static string TaskStatus(string root, int index) => Path.Combine(Status(root), string.Create(CultureInfo.InvariantCulture, $"task-{index}.exit"));
    public static string MergeStatus(string root) => Path.Combine(Status(root), "merge.exit");

    /// <summary>The exit code a task wrote, or null when it wrote none (never ran, still running, or killed).</summary>
    public static int? ExitCode(string statusFile)
    {
        try
        {
            return File.Exists(statusFile) && int.TryParse(File.ReadAllText(statusFile).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)
                ? code
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Why a shard has no complete folder, in words: failed (with its exit code and log), unfinished, or never run.</summary>
    public static string WhyMissing(string root, ShardSpec shard)
    {
        var code = ExitCode(TaskStatus(root, shard.Index));
        var log = TaskLog(root, shard.Index);
        var unfinished = ShardFolders.Unfinished(root, shard);
        var parts = new List<string>();
        if (code is { } c && c != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"its task failed with exit code {c}"));
        }
        else if (code == 0)
        {
            parts.Add("its task ended with exit code 0 but the folder is gone (deleted or moved?)");
        }
        if (unfinished.Count > 0)
        {
            parts.Add($"unfinished run in {unfinished[^1]} (still running, or interrupted: --resume reuses its finished runs)");
        }
        if (parts.Count == 0)
        {
            parts.Add(File.Exists(log) ? "its task left no exit status (killed: time limit, memory, node failure?)" : "never run");
        }
        if (File.Exists(log))
        {
            parts.Add($"log {log}");
        }
        return string.Join("; ", parts);
    }
}
