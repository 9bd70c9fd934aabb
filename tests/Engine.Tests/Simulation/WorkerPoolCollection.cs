namespace Hcsim.Engine.Tests.Simulation;

/// <summary>Worker-pool tests that count the process's allocations and threads: no other test runs meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkerPoolCollection
{
    public const string Name = "worker pool";
}
