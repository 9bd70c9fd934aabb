namespace Hcsim.Runner.Cli;

/// <summary>The process exit codes of <c>hcsim</c>; scripts and CI rely on these numbers, so never renumber them.</summary>
public static class ExitCodes
{
    /// <summary>Everything ran and every output file was written.</summary>
    public const int Ok = 0;

    /// <summary>A bug: an exception the simulator does not expect.</summary>
    public const int Unexpected = 1;

    /// <summary>The scenario or the command line is invalid; nothing was run and nothing was written.</summary>
    public const int InvalidInput = 2;

    /// <summary>An output could not be written (target folder exists, disk full, no permission); earlier results are intact.</summary>
    public const int OutputError = 3;

    /// <summary>The simulation broke one of its own invariants: a bug in the engine, not bad input.</summary>
    public const int InvariantBroken = 4;

    /// <summary>Shards of a sweep are missing or cluster tasks failed (<c>hcsim merge</c>, <c>hcsim slurm --wait</c>); each is named on standard error.</summary>
    public const int ShardsMissing = 5;

    /// <summary>Interrupted (Ctrl+C, SIGTERM) before the run finished: 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}
