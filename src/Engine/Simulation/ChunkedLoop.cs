namespace Hcsim.Engine.Simulation;

/// <summary>
/// Runs a body over chunk indices 0..chunks-1 on a run's <see cref="WorkerPool"/>: on the calling thread when there is
/// at most one chunk (a quiet day should not pay for a parallel loop), otherwise on the pool's workers and the caller.
/// The body is a struct carrying what the chunks read, so a phase hands its values to the loop instead of stashing
/// them in fields for a delegate.
/// Every caller merges its chunks' outputs in chunk order afterwards, which is what keeps results thread-independent.
/// </summary>
public static class ChunkedLoop
{
    /// <summary>Runs <paramref name="body"/> for every chunk; the struct is shared, read-only, by the chunks.</summary>
    public static void Run<TBody>(int chunks, WorkerPool workers, ref TBody body)
        where TBody : struct, IChunkBody =>
        workers.Run(chunks, ref body);

    /// <summary>
    /// The same with <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>, for a caller outside a run that
    /// has no pool (a loop of a run takes the run's <see cref="WorkerPool"/>: no task or closure per loop).
    /// </summary>
    public static void Run<TBody>(int chunks, ParallelOptions parallel, ref TBody body)
        where TBody : struct, IChunkBody
    {
        if (chunks == 1)
        {
            body.Run(0);
        }
        else if (chunks > 1)
        {
            var shared = new Shared<TBody>(body);
            Parallel.For(0, chunks, parallel, shared.Run);
        }
    }

    private sealed class Shared<TBody>(TBody body) where TBody : struct, IChunkBody
    {
        private TBody _body = body;

        public void Run(int chunk) => _body.Run(chunk);
    }
}
