using System.Globalization;
using System.Text;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// A sweep as two Slurm batch scripts: an array job with one task per shard (<c>hcsim run ... --shard-count N</c>, the
/// index from <c>SLURM_ARRAY_TASK_ID</c>) and a merge job (<c>hcsim merge DIR</c>) submitted with
/// <c>--dependency=afterok</c> on the array. Each task writes its exit code to <c>DIR/slurm/status/</c> as it ends.
/// </summary>
public sealed record SlurmJob
{
    /// <summary>Memory asked for the merge job: the saved runs, the plots and the runtime fit in it for sweeps of thousands of runs.</summary>
    public const string MergeMemory = "1024M";

    /// <summary>The sweep's output folder (absolute).</summary>
    public required string Root { get; init; }
    /// <summary>The scenario file (absolute), or null for the built-in default.</summary>
    public required string? ScenarioPath { get; init; }
    public required string ScenarioName { get; init; }
    public required IReadOnlyList<string> Overrides { get; init; }
    public required int Tasks { get; init; }
    public required int Cpus { get; init; }
    /// <summary>Memory per task as Slurm writes it: 350M, 4G.</summary>
    public required string Memory { get; init; }
    /// <summary>Slurm's time limit (<c>--time</c>, e.g. 02:00:00); null leaves the partition's default.</summary>
    public string? Time { get; init; }
    public string? Partition { get; init; }
    /// <summary>The command that starts hcsim on a compute node, already quoted for the shell.</summary>
    public required string Hcsim { get; init; }

    public string JobName => "hcsim-" + new string([.. ScenarioName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);

    /// <summary>The array job's script: <c>#SBATCH --array=0-(N-1)</c>; <c>sbatch --array=3,5</c> reruns some tasks only.</summary>
    public string ShardScript()
    {
        var text = Header($"one array task per shard of '{ScenarioName}' ({Tasks} shards)",
            string.Create(CultureInfo.InvariantCulture, $"--array=0-{Tasks - 1}"), Cpus, Memory, SlurmFiles.Logs(Root) + "/shard-%a.out", JobName);
        text.AppendLine("# Submit all:  sbatch THIS; rerun some tasks only: sbatch --array=3,5 THIS (hcsim slurm ... --submit does it for you)");
        text.AppendLine("task=\"${SLURM_ARRAY_TASK_ID:?run this script with sbatch: it is a Slurm array job}\"");
        var scenario = ScenarioPath is null ? "" : " " + ShellQuote.Word(ScenarioPath);
        var sets = string.Concat(Overrides.Select(o => " --set " + ShellQuote.Word(o)));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{Hcsim} run{scenario} --out {ShellQuote.Word(Root)} --shard-count {Tasks} --threads \"${{SLURM_CPUS_PER_TASK:-{Cpus}}}\" --resume --quiet{sets}"));
        AppendStatus(text, "task-$task.exit");
        return text.ToString();
    }

    /// <summary>The merge job's script; submitted with <c>--dependency=afterok:ARRAY_JOB_ID</c>.</summary>
    public string MergeScript()
    {
        var text = Header($"merges the shards of '{ScenarioName}' once every array task has succeeded", null, 1, MergeMemory, SlurmFiles.MergeLog(Root), JobName + "-merge");
        text.AppendLine("# Submit after the array job: sbatch --dependency=afterok:ARRAY_JOB_ID THIS");
        text.AppendLine($"{Hcsim} merge {ShellQuote.Word(Root)} --quiet");
        AppendStatus(text, "merge.exit");
        return text.ToString();
    }

    private StringBuilder Header(string what, string? array, int cpus, string memory, string log, string name)
    {
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine($"# Written by 'hcsim slurm': {what}.");
        text.AppendLine($"#SBATCH --job-name={name}");
        if (array is not null)
        {
            text.AppendLine($"#SBATCH {array}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={cpus}");
        text.AppendLine($"#SBATCH --mem={memory}");
        if (Time is not null)
        {
            text.AppendLine($"#SBATCH --time={Time}");
        }
        if (Partition is not null)
        {
            text.AppendLine($"#SBATCH --partition={Partition}");
        }
        text.AppendLine($"#SBATCH --output={log}");
        return text;
    }

    private void AppendStatus(StringBuilder text, string file)
    {
        // Written whole (temporary name, then rename) so that a poller never reads half a number.
        var status = ShellQuote.Word(SlurmFiles.Status(Root));
        text.AppendLine("code=$?");
        text.AppendLine($"mkdir -p {status} && echo \"$code\" > {status}/\"{file}.tmp\" && mv -f {status}/\"{file}.tmp\" {status}/\"{file}\"");
        text.AppendLine("exit \"$code\"");
    }
}
