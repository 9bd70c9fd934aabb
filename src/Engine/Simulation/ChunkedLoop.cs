namespace Hcsim.Engine.Simulation;

/// <summary>
/// Runs a body over chunk indices 0..chunks-1: on the calling thread when there is at most one chunk (a quiet day
/// should not pay for a parallel loop), otherwise with <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>.
/// Every caller merges its chunks' outputs in chunk order afterwards, which is what keeps results thread-independent.
/// </summary>
public static class ChunkedLoop
{
    public static void Run(int chunks, ParallelOptions parallel, Action<int> body)
    {
        if (chunks == 1)
        {
            body(0);
        }
        else if (chunks > 1)
        {
            Parallel.For(0, chunks, parallel, body);
        }
    }
}
