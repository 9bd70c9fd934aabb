namespace Hcsim.Runner.Cluster;

/// <summary>The shard options or the scheduler's variables do not name a valid shard (exit code 2).</summary>
public sealed class ShardSelectionException : Exception
{
    public ShardSelectionException(string message)
        : base(message)
    {
    }
}
