using System.Diagnostics;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Simulation;

[Collection(WorkerPoolCollection.Name)]
public class WorkerPoolTests
{
    /// <summary>Counts each chunk's runs (and the threads that ran chunks) so a test can check every chunk ran once.</summary>
    private struct CountChunks : IChunkBody
    {
        public int[] Runs;
        public int[] Threads;

        public readonly void Run(int chunk)
        {
            Interlocked.Increment(ref Runs[chunk]);
            Threads[chunk] = Environment.CurrentManagedThreadId;
            // A little work, so that a worker has time to join.
            Thread.SpinWait(200);
        }
    }

    private struct Nested : IChunkBody
    {
        public WorkerPool Pool;
        public int[] Runs;

        public readonly void Run(int chunk)
        {
            var inner = new CountChunks { Runs = new int[4], Threads = new int[4] };
            Pool.Run(4, ref inner);
            Interlocked.Add(ref Runs[chunk], inner.Runs.Sum());
        }
    }

    private struct Throwing : IChunkBody
    {
        public int Bad;

        public readonly void Run(int chunk)
        {
            if (chunk == Bad)
            {
                throw new InvalidOperationException($"chunk {chunk}");
            }
        }
    }

    private struct Nothing : IChunkBody
    {
        public int[] Sink;

        public readonly void Run(int chunk) => Sink[chunk & 7] = chunk;
    }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < timeout)
        {
            Thread.Sleep(10);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Run_ManyLoops_RunsEveryChunkExactlyOnce(int threads)
    {
        using var pool = new WorkerPool(threads);
        for (var loop = 0; loop < 500; loop++)
        {
            var chunks = 1 + loop % 37;
            var body = new CountChunks { Runs = new int[chunks], Threads = new int[chunks] };
            pool.Run(chunks, ref body);
            Assert.True(body.Runs.All(r => r == 1), $"loop {loop}: every one of {chunks} chunks should run exactly once, ran {string.Join(",", body.Runs)}");
        }
    }

    [Fact]
    public void Run_TwoThreads_WorkersTakeChunks()
    {
        using var pool = new WorkerPool(2);
        var helped = false;
        for (var loop = 0; loop < 200 && !helped; loop++)
        {
            var body = new CountChunks { Runs = new int[64], Threads = new int[64] };
            pool.Run(64, ref body);
            helped = body.Threads.Any(t => t != Environment.CurrentManagedThreadId);
        }
        Assert.True(helped, "with two threads a worker should run some chunks of a 64-chunk loop");
    }

    [Fact]
    public void Run_AsManyRunsAsThreads_TakesNoWorkerUntilARunFinishes()
    {
        using var pool = new WorkerPool(2);
        pool.RunStarted();
        pool.RunStarted();
        for (var loop = 0; loop < 50; loop++)
        {
            var body = new CountChunks { Runs = new int[64], Threads = new int[64] };
            pool.Run(64, ref body);
            Assert.True(body.Threads.All(t => t == Environment.CurrentManagedThreadId),
                "while two runs share two threads a loop should run on its caller's thread only");
        }
        pool.RunFinished();
        var helped = false;
        for (var loop = 0; loop < 200 && !helped; loop++)
        {
            var body = new CountChunks { Runs = new int[64], Threads = new int[64] };
            pool.Run(64, ref body);
            helped = body.Threads.Any(t => t != Environment.CurrentManagedThreadId);
        }
        Assert.True(helped, "the run left alone should get the worker again");
    }

    [Fact]
    public void Run_FromInsideAChunk_RunsTheInnerLoopOnItsOwnThread()
    {
        using var pool = new WorkerPool(3);
        var body = new Nested { Pool = pool, Runs = new int[16] };
        pool.Run(16, ref body);
        Assert.True(body.Runs.All(r => r == 4), "each outer chunk should see all 4 chunks of its inner loop run once");
    }

    [Fact]
    public async Task Run_ConcurrentCallers_EachLoopCompletes()
    {
        using var pool = new WorkerPool(2);
        var callers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            for (var loop = 0; loop < 300; loop++)
            {
                var body = new CountChunks { Runs = new int[9], Threads = new int[9] };
                pool.Run(9, ref body);
                if (!body.Runs.All(r => r == 1))
                {
                    return false;
                }
            }
            return true;
        })).ToArray();
        var results = await Task.WhenAll(callers);
        Assert.True(results.All(ok => ok), "loops posted at once from several threads (concurrent runs) should each run every chunk exactly once");
    }

    [Fact]
    public void Run_ChunkThrows_ThrowsAndThePoolKeepsWorking()
    {
        using var pool = new WorkerPool(2);
        var bad = new Throwing { Bad = 5 };
        var error = Assert.Throws<AggregateException>(() => pool.Run(32, ref bad));
        Assert.Contains(error.InnerExceptions, e => e is InvalidOperationException { Message: "chunk 5" });
        var body = new CountChunks { Runs = new int[32], Threads = new int[32] };
        pool.Run(32, ref body);
        Assert.True(body.Runs.All(r => r == 1), "after a failed loop the next loop should run every chunk exactly once");
    }

    [Fact]
    public void Run_Cancelled_ThrowsOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        using var pool = new WorkerPool(2, cancel.Token);
        cancel.Cancel();
        var body = new CountChunks { Runs = new int[8], Threads = new int[8] };
        Assert.Throws<OperationCanceledException>(() => pool.Run(8, ref body));
        Assert.True(body.Runs.All(r => r == 0), "a cancelled loop should run no chunk");
    }

    [Fact]
    public void Dispose_AfterLoops_StopsEveryWorkerThread()
    {
        var pool = new WorkerPool(4);
        var body = new CountChunks { Runs = new int[64], Threads = new int[64] };
        pool.Run(64, ref body);
        Assert.True(pool.LiveWorkers > 0, "a loop should have started the workers");
        pool.Dispose();
        Assert.Equal(0, pool.LiveWorkers);
        var after = new CountChunks { Runs = new int[8], Threads = new int[8] };
        pool.Run(8, ref after);
        Assert.True(after.Runs.All(r => r == 1) && after.Threads.All(t => t == Environment.CurrentManagedThreadId),
            "a disposed pool should run loops on the caller's thread");
    }

    [Fact]
    public void Run_IdleLongerThanTheTimeout_WorkersExitAndRestart()
    {
        var pool = new WorkerPool(3, idleTimeout: TimeSpan.FromMilliseconds(50));
        var body = new CountChunks { Runs = new int[64], Threads = new int[64] };
        pool.Run(64, ref body);
        WaitFor(() => pool.LiveWorkers == 0, TimeSpan.FromSeconds(10));
        Assert.True(pool.LiveWorkers == 0, "idle workers of an undisposed pool should exit after the idle timeout");
        var helped = false;
        for (var loop = 0; loop < 200 && !helped; loop++)
        {
            var again = new CountChunks { Runs = new int[64], Threads = new int[64] };
            pool.Run(64, ref again);
            Assert.True(again.Runs.All(r => r == 1), "a loop after the workers exited should run every chunk exactly once");
            helped = again.Threads.Any(t => t != Environment.CurrentManagedThreadId);
        }
        Assert.True(helped, "the next loops should start the workers again");
        WaitFor(() => pool.LiveWorkers == 0, TimeSpan.FromSeconds(10));
        Assert.True(pool.LiveWorkers == 0, "the restarted workers should exit again when idle");
    }

    [Fact]
    public void Run_SteadyState_AllocatesNothing()
    {
        using var pool = new WorkerPool(2);
        var body = new Nothing { Sink = new int[8] };
        for (var loop = 0; loop < 100; loop++)
        {
            pool.Run(16, ref body);
        }
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var loop = 0; loop < 2000; loop++)
        {
            pool.Run(16, ref body);
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        // Other test collections do not run meanwhile (see WorkerPoolCollection); the runtime itself may allocate a
        // little now and then (tiered compilation in the background), far less than a byte per loop.
        Assert.True(allocated < 2000, $"2000 loops on a warm pool should allocate (almost) nothing, allocated {allocated} bytes");
    }
}
