using System.Globalization;
using System.Threading.Channels;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Simulation;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;
using Hcsim.Runner.Plots;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// <c>hcsim run --shard I/N</c> (or a shard chosen by the scheduler's environment): simulates only this shard's runs
/// and writes them to <c>DIR/shards/shard-IIII-of-NNNN/</c>, whole or not at all, with per-run checkpoints for
/// <c>--resume</c> exactly like a whole run. Plots, report and variants.parquet come later, from <c>hcsim merge DIR</c>.
/// </summary>
public sealed class ShardRunAction
{
    private readonly CliConsole _console;
    private readonly string _version;
    private readonly long? _availableMemoryBytes;

    public ShardRunAction(CliConsole console, string version, long? availableMemoryBytes = null)
    {
        _console = console;
        _version = version;
        _availableMemoryBytes = availableMemoryBytes;
    }

    public async Task<int> RunAsync(RunSettings settings, ShardSpec shard, string origin, CancellationToken cancellationToken)
    {
        var loaded = ScenarioSource.Load(settings.ScenarioPath, settings.Overrides);
        var scenario = loaded.Scenario;
        ParquetSchemas.DailyMetricColumns(scenario);
        var plan = ShardPlan.For(scenario, shard.Count);
        var mine = plan.RunsOf(shard.Index);
        var root = Path.GetFullPath(settings.OutputPath ?? Path.Combine("results", ResultPlots.SafeFileName(scenario.Name)));
        var target = ShardFolders.PathOf(root, shard);
        var identity = ResumeIdentity.Of(loaded, settings.Overrides, _version, settings.Details);
        if (ShardFolders.DifferenceFromExisting(root, identity, shard.Count) is { } difference)
        {
            throw new OutputWriteException(
                $"{root}: already holds shards of another sweep ({difference}); write this sweep to another folder with --out");
        }
        var available = _availableMemoryBytes is { } given ? new AvailableMemory(given, "as given") : AvailableMemory.Measure();
        var runsAtOnce = await RunsInMemory.FitAsync(_console.Error, loaded, Math.Min(settings.Threads, Math.Max(1, mine.Count)), available,
            "lower population.size or population.community.mean_degree, or ask the scheduler for more memory").ConfigureAwait(false);
        OutputFolder.CheckTarget(target, settings.Force);
        if (origin.Length > 0 && !origin.StartsWith("--shard", StringComparison.Ordinal))
        {
            await _console.Error.WriteLineAsync($"hcsim: note: running shard {shard} ({mine.Count} of {scenario.Variants.Length * scenario.Replicates} runs) from {origin}; --shard none runs everything").ConfigureAwait(false);
        }

        // The shard is part of the identity: a stale folder of one shard never resumes another.
        var shardIdentity = identity with { Details = $"{identity.Details} --shard {shard}".Trim() };
        var stale = OutputFolder.FindStale(target);
        var resumeFrom = settings.Resume
            ? stale.Reverse().FirstOrDefault(f => RunCheckpoints.ReadIdentity(f)?.DifferenceFrom(shardIdentity) is null)
            : null;
        var started = TimeProvider.System.GetTimestamp();
        var execution = new ScenarioExecution(scenario, new ExecutionOptions { Threads = settings.Threads, MaxConcurrentRuns = runsAtOnce, Details = settings.Details, DataFiles = Output.ParquetRows.Readers });
        using var folder = OutputFolder.Create(target, settings.Force, null,
            $"Shard {shard} of scenario {loaded.Source} (SHA-256 {identity.ScenarioSha256}), overrides: [{string.Join(", ", settings.Overrides)}]");
        var committed = false;
        try
        {
            var checkpoints = new RunCheckpoints(folder);
            checkpoints.WriteIdentity(shardIdentity);
            if (resumeFrom is not null)
            {
                checkpoints.Adopt(resumeFrom);
            }
            var mineSet = mine.ToHashSet();
            var done = checkpoints.Load(scenario).Where(d => mineSet.Contains(d.Key)).ToDictionary(d => d.Key, d => d.Value);
            if (settings.Resume)
            {
                await _console.Error.WriteLineAsync(resumeFrom is null
                    ? $"hcsim: note: --resume: no interrupted run of shard {shard} to resume; running its {mine.Count} runs"
                    : $"hcsim: resuming shard {shard} from {resumeFrom}: {done.Count} of {mine.Count} runs already finished").ConfigureAwait(false);
            }
            var skip = new HashSet<(int Variant, int Replicate)>(plan.RunsNotIn(shard.Index));
            skip.UnionWith(done.Keys);
            var channel = Channel.CreateUnbounded<RunResult>(new UnboundedChannelOptions { SingleReader = true });
            var progress = new ProgressDisplay();
            var work = execution.RunAsync(new CheckpointingWriter(channel.Writer, checkpoints), progress, cancellationToken, skip);
            await progress.ShowUntilAsync(work, _console, settings.Quiet).ConfigureAwait(false);
            await work.ConfigureAwait(false);
            var runs = new List<RunResult>(done.Values);
            await foreach (var run in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add(run);
            }
            if (runs.Count != mine.Count)
            {
                throw new SimulationInvariantException($"shard {shard}: the engine delivered {runs.Count} of {mine.Count} runs");
            }
            var manifest = new ShardManifest
            {
                ShardIndex = shard.Index,
                ShardCount = shard.Count,
                Identity = identity,
                ScenarioName = scenario.Name,
                Source = loaded.Source,
                ScenarioText = loaded.Text,
                Parts = [],
                Threads = settings.Threads,
                WallSeconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds,
                CreatedUtc = DateTime.UtcNow,
                Files = [],
            };
            await ShardWriter.WriteAsync(folder, scenario, settings.Details, runs, manifest, cancellationToken).ConfigureAwait(false);
            folder.Commit();
            committed = true;
            OutputFolder.DeleteStale(OutputFolder.FindStale(target));
            await _console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"shard {shard}: {folder.Target} ({TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s, {mine.Count} runs); when every shard is done: hcsim merge {root}")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException($"{folder.Target}: could not write the shard: {e.Message}", e);
        }
        finally
        {
            if (!committed)
            {
                folder.Dispose();
                if (folder.KeptForResume)
                {
                    await _console.Error.WriteLineAsync(
                        $"hcsim: the {RunCheckpoints.CountIn(folder.TemporaryPath)} finished run(s) of shard {shard} are kept in {folder.TemporaryPath}; rerun the same command with --resume to continue").ConfigureAwait(false);
                }
            }
        }
    }
}
