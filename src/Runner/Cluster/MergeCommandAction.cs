using System.Globalization;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// <c>hcsim merge DIR</c>: checks that every shard in <c>DIR/shards/</c> is there and belongs to one sweep, then feeds
/// their saved runs to the results pipeline a single machine uses, so <c>daily.parquet</c>, <c>summary.parquet</c>,
/// <c>variants.parquet</c>, plots and report have the same rows (the same bytes, for the Parquet files) as
/// <c>hcsim run</c> on one machine. The merged files go into <c>DIR</c> itself, beside <c>shards/</c>, each file whole;
/// <c>manifest.json</c> goes last, so a merge that stopped half-way has none.
/// </summary>
public sealed class MergeCommandAction
{
    /// <summary>Where the merged files are built and committed before they move into DIR.</summary>
    public const string StagingFolder = ".merge";

    private readonly CliConsole _console;

    public MergeCommandAction(CliConsole console)
    {
        _console = console;
    }

    /// <param name="csv">Also write the CSV twins of the tables (<c>--csv</c>), listed in manifest.json like the other files.</param>
    public async Task<int> RunAsync(string directory, bool force, bool quiet, CancellationToken cancellationToken, bool csv = false)
    {
        var root = Path.GetFullPath(directory);
        var shards = ShardFolders.ReadComplete(root);
        if (shards.Count == 0)
        {
            throw new OutputReadException($"{ShardFolders.ShardsPath(root)}: no complete shard folders (shard-IIII-of-NNNN) to merge; run the shards first (hcsim run ... --out {root} --shard I/N)");
        }
        var first = shards[0].Manifest;
        foreach (var (manifest, path) in shards)
        {
            var difference = manifest.ShardCount != first.ShardCount
                ? string.Create(CultureInfo.InvariantCulture, $"it is one of {manifest.ShardCount} shards, {shards[0].Path} one of {first.ShardCount}")
                : manifest.Identity.DifferenceFrom(first.Identity);
            if (difference is not null)
            {
                throw new OutputReadException($"{path}: belongs to another sweep than {shards[0].Path}: {difference}; move one of them away");
            }
        }
        var missing = Enumerable.Range(0, first.ShardCount).Except(shards.Select(s => s.Manifest.ShardIndex)).ToList();
        if (missing.Count > 0)
        {
            await ReportMissingAsync(root, first, missing).ConfigureAwait(false);
            return ExitCodes.ShardsMissing;
        }

        var scenario = ScenarioLoader.Load(first.ScenarioText, first.Source, first.Identity.Overrides);
        if (ResultsPipeline.Sha256Hex(first.ScenarioText) != first.Identity.ScenarioSha256)
        {
            throw new OutputReadException($"{shards[0].Path}: the scenario text in manifest.json does not match its SHA-256; the shard was edited by hand");
        }
        var runs = ReadRuns(scenario, shards);
        CheckNoMergedResults(root, force);

        var context = new RunContext
        {
            Source = first.Source,
            ScenarioSha256 = first.Identity.ScenarioSha256,
            Overrides = first.Identity.Overrides,
            Threads = shards.Max(s => s.Manifest.Threads),
            HcsimVersion = first.Identity.HcsimVersion,
            Csv = csv,
            Details = new Hcsim.Engine.Simulation.DetailOptions
            {
                Events = first.Identity.Details.Contains("--events", StringComparison.Ordinal),
                Transmissions = first.Identity.Details.Contains("--transmissions", StringComparison.Ordinal),
            },
        };
        var staging = Path.Combine(root, StagingFolder);
        PipelineResult result;
        using (var folder = OutputFolder.Create(staging, force: true))
        {
            result = await new ResultsPipeline(scenario, context).RunAsync(
                folder,
                async (writer, token) =>
                {
                    foreach (var run in runs)
                    {
                        await writer.WriteAsync(run, token).ConfigureAwait(false);
                    }
                },
                cancellationToken).ConfigureAwait(false);
            folder.Commit();
        }
        MoveIntoPlace(staging, root, result.Files);
        if (!quiet)
        {
            await _console.Output.WriteAsync(ConsoleSummary.Render([.. scenario.Variants.Select(v => v.Name)], result.Statistics, reference: scenario.Reference ?? scenario.Variants[0].Name)).ConfigureAwait(false);
        }
        await _console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"results: {root} (merged {first.ShardCount} shard(s), {PipelineResult.RunCount(result.Summaries)} runs)")).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>Every shard's runs, checked against the plan (each run exactly once, in the shard the plan gives it), in order.</summary>
    private static List<RunResult> ReadRuns(Scenario scenario, IReadOnlyList<(ShardManifest Manifest, string Path)> shards)
    {
        var plan = ShardPlan.For(scenario, shards[0].Manifest.ShardCount);
        var runs = new List<RunResult>();
        foreach (var (manifest, path) in shards)
        {
            var expected = plan.RunsOf(manifest.ShardIndex);
            var found = new List<(int, int)>();
            foreach (var part in manifest.Parts)
            {
                var partPath = Path.Combine(path, part);
                RunResult? run;
                try
                {
                    run = ShardWriter.ReadPart(partPath, scenario);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
                {
                    throw new OutputReadException($"{partPath}: cannot read the saved run: {e.Message}", e);
                }
                if (run is null)
                {
                    throw new OutputReadException($"{partPath}: the saved run does not belong to this scenario");
                }
                found.Add((run.VariantIndex, run.Replicate));
                runs.Add(run);
            }
            if (!found.Order().SequenceEqual(expected))
            {
                throw new OutputReadException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: holds {found.Count} run(s), not the {expected.Count} the shard plan gives shard {manifest.ShardIndex} of {manifest.ShardCount}"));
            }
        }
        return [.. runs.OrderBy(r => r.VariantIndex).ThenBy(r => r.Replicate)];
    }

    private static void CheckNoMergedResults(string root, bool force)
    {
        var existing = MergedEntries(root);
        if (existing.Count > 0 && !force)
        {
            throw new OutputWriteException(
                $"{root}: already holds merged results ({string.Join(", ", existing)}); use --force to merge again (the shards are kept)");
        }
    }

    /// <summary>Entries of <paramref name="root"/> other than the shards and the Slurm files: earlier merged results.</summary>
    private static List<string> MergedEntries(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root)
            .Select(Path.GetFileName).OfType<string>()
            .Where(name => name != ShardFolders.Folder && name != SlurmFiles.Folder && name != StagingFolder
                && !name.StartsWith(StagingFolder + ".", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>Moves the committed merge out of the staging folder into DIR, replacing earlier merged files; manifest last.</summary>
    private static void MoveIntoPlace(string staging, string root, IReadOnlyList<string> files)
    {
        foreach (var name in MergedEntries(root))
        {
            var path = Path.Combine(root, name);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        foreach (var file in files.Where(f => f != ResultsPipeline.ManifestFile).Append(ResultsPipeline.ManifestFile))
        {
            var target = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(Path.Combine(staging, file), target, overwrite: true);
        }
        Directory.Delete(staging, recursive: true);
    }

    private async Task ReportMissingAsync(string root, ShardManifest any, IReadOnlyList<int> missing)
    {
        foreach (var index in missing)
        {
            var shard = new ShardSpec(index, any.ShardCount);
            await _console.Error.WriteLineAsync($"hcsim: shard {shard} is missing: {SlurmFiles.WhyMissing(root, shard)}").ConfigureAwait(false);
        }
        var scenario = any.Source == ScenarioSource.BuiltInDefault ? "" : $" {ShellQuote.Word(any.Source)}";
        var sets = string.Concat(any.Identity.Overrides.Select(o => $" --set {ShellQuote.Word(o)}"));
        var details = any.Identity.Details.Length > 0 ? " " + any.Identity.Details : "";
        await _console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"hcsim: {missing.Count} of {any.ShardCount} shard(s) missing ({ShardFolders.Ranges(missing)}); nothing was merged. Rerun exactly them:")).ConfigureAwait(false);
        if (File.Exists(SlurmFiles.ShardScript(root)))
        {
            await _console.Error.WriteLineAsync($"  on Slurm:  sbatch --array={ShardFolders.Ranges(missing)} {ShellQuote.Word(SlurmFiles.ShardScript(root))}  (then hcsim merge {ShellQuote.Word(root)})").ConfigureAwait(false);
        }
        foreach (var index in missing)
        {
            await _console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  by hand:   hcsim run{scenario} --out {ShellQuote.Word(root)} --shard {index}/{any.ShardCount} --resume{sets}{details}")).ConfigureAwait(false);
        }
    }
}
