using System.CommandLine;
using Hcsim.Runner.Cli;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// The <c>--shard I/N</c> and <c>--shard-count N</c> options of <c>hcsim run</c>, and the switch from a whole run to a
/// shard run when they (or the scheduler's environment, see <see cref="ShardSelection"/>) name a shard.
/// </summary>
public sealed class ShardOptions
{
    private readonly Option<string?> _shard = new("--shard")
    {
        Description = "Run only shard I of N (0-based) of the variant x replicate runs, into DIR/shards/; 'none' ignores the scheduler's variables. "
            + "Without it the index comes from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX",
        HelpName = "I/N",
    };

    private readonly Option<int?> _count = new("--shard-count")
    {
        Description = "Number of shards, with the index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX (Kubernetes)",
        HelpName = "N",
    };

    /// <summary>Adds both options to <paramref name="run"/>.</summary>
    public static ShardOptions AddTo(Command run)
    {
        var options = new ShardOptions();
        run.Options.Add(options._shard);
        run.Options.Add(options._count);
        return options;
    }

    /// <summary>
    /// The shard run when a shard is named, the exit code 2 for contradictory shard options, or null for a whole run
    /// (the caller then runs everything as before).
    /// </summary>
    public Task<int>? ShardRun(CliConsole console, string version, ParseResult parse, RunSettings settings, CancellationToken cancellationToken)
    {
        ShardSpec? shard;
        string origin;
        try
        {
            (shard, origin) = ShardSelection.Resolve(parse.GetValue(_shard), parse.GetValue(_count), console.Environment);
        }
        catch (ShardSelectionException e)
        {
            return FailAsync(console, e.Message);
        }
        return shard is null ? null : new ShardRunAction(console, version).RunAsync(settings, shard, origin, cancellationToken);
    }

    private static async Task<int> FailAsync(CliConsole console, string message)
    {
        await console.Error.WriteLineAsync($"hcsim: {message}").ConfigureAwait(false);
        return ExitCodes.InvalidInput;
    }
}
