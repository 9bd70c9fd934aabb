namespace Hcsim.Engine.Tests.Simulation;

/// <summary>
/// Runs every task on the thread that starts or queues it, and counts the tasks it ran. With it, a parallel loop
/// (<c>Parallel.For</c> under ChunkedLoop) runs all its chunks on the calling thread, so
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> sees everything a part allocates, and the count says how many
/// loop tasks ran.
/// </summary>
internal sealed class InlineTaskScheduler : TaskScheduler
{
    public int TasksRun { get; private set; }

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task) => Run(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => Run(task);

    protected override IEnumerable<Task> GetScheduledTasks() => [];

    private bool Run(Task task)
    {
        var ran = TryExecuteTask(task);
        if (ran)
        {
            TasksRun++;
        }
        return ran;
    }
}
