using System.Diagnostics;

namespace Hcsim.Engine.Simulation;

/// <summary>
/// Persistent worker threads that a run's data-parallel loops hand their chunks to (through <see cref="ChunkedLoop"/>):
/// no <c>Parallel.For</c>, task or closure per loop, and no allocation once each loop body's type has been seen.
/// </summary>
/// <remarks>
/// A loop publishes its body and chunk count; the calling thread and up to <see cref="Threads"/> - 1 workers claim chunk
/// indices from one atomic counter until none is left, and the caller returns when every chunk is done. The chunks are
/// fixed by the data, not by the threads, and every caller merges its chunks' outputs in chunk order, so results do not
/// depend on how many threads took part or which thread ran which chunk.
/// <para>
/// Between loops a worker spins for <see cref="SpinTime"/> (the next loop of a day usually follows within microseconds),
/// then sleeps. After <see cref="IdleTimeout"/> asleep it exits, and the next loop starts it again, so a pool that nobody
/// disposes (a run built from <see cref="ParallelOptions"/> in a test) leaves no thread behind for long; an owner that
/// disposes its pool stops the workers at once.
/// </para>
/// <para>
/// One loop at a time holds the workers. A loop posted while another holds them (concurrent runs sharing one pool under
/// <see cref="ScenarioExecution"/>), or from inside a chunk, runs on its own thread: the thread budget holds either way.
/// The caller never waits for a worker to start or wake: it works through the chunks itself and waits only for chunks a
/// worker has already claimed.
/// </para>
/// </remarks>
public sealed class WorkerPool : IDisposable
{
    /// <summary>How long a worker spins for the next loop before it sleeps.</summary>
    public static readonly TimeSpan SpinTime = TimeSpan.FromMicroseconds(100);

    /// <summary>How long a worker sleeps without work before its thread exits.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(1);

    private const int Running = 0;
    private const int Sleeping = 1;
    private const int Exited = 2;

    private readonly CancellationToken _cancellation;
    private readonly Worker[] _workers;
    private readonly long _spinTicks;
    private readonly Dictionary<Type, ChunkJob> _jobs = [];
    private readonly object _gate = new();
    private List<Exception>? _errors;
    private volatile bool _disposed;
    private int _held;
    private int _runs;
    // The loop being worked: (epoch << 32) | next chunk to claim. Each loop gets a new epoch, so a worker still holding
    // an earlier loop's state cannot claim a chunk of the next one with it.
    private long _claim;
    private int _chunks;
    private int _remaining;
    private ChunkJob? _job;

    /// <param name="threads">Threads a loop may use, the caller's included (at least 1; workers are threads - 1).</param>
    /// <param name="cancellation">Checked before each loop of more than one chunk, as <c>Parallel.For</c> did.</param>
    /// <param name="idleTimeout">How long an idle worker sleeps before its thread exits (<see cref="DefaultIdleTimeout"/> when null).</param>
    public WorkerPool(int threads, CancellationToken cancellation = default, TimeSpan? idleTimeout = null)
    {
        Threads = Math.Max(1, threads);
        _cancellation = cancellation;
        IdleTimeout = idleTimeout ?? DefaultIdleTimeout;
        _spinTicks = (long)(SpinTime.TotalSeconds * Stopwatch.Frequency);
        _workers = new Worker[Threads - 1];
        for (var w = 0; w < _workers.Length; w++)
        {
            _workers[w] = new Worker(this, w);
        }
    }

    /// <summary>A pool with the options' thread budget (every processor when unlimited) and cancellation.</summary>
    public WorkerPool(ParallelOptions options)
        : this(options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount, options.CancellationToken)
    {
    }

    /// <summary>
    /// A pool of its own for a run built from <see cref="ParallelOptions"/> (tests, library users): its workers exit
    /// after <see cref="IdleTimeout"/> without work, so nobody needs to dispose it.
    /// </summary>
    public static implicit operator WorkerPool(ParallelOptions options) => new(options);

    /// <summary>Threads a loop may use, the caller's included.</summary>
    public int Threads { get; }

    public TimeSpan IdleTimeout { get; }

    /// <summary>Worker threads alive now (started by a loop and not yet exited after idling or disposal).</summary>
    public int LiveWorkers
    {
        get
        {
            var live = 0;
            foreach (var worker in _workers)
            {
                live += worker.Thread is { IsAlive: true } ? 1 : 0;
            }
            return live;
        }
    }

    /// <summary>
    /// Marks a run as going on (until <see cref="RunFinished"/>). While n runs share the pool, a loop takes at most
    /// <see cref="Threads"/> - n workers: the runs' own threads and the workers together stay within the thread budget,
    /// and the last run left alone gets every worker.
    /// </summary>
    public void RunStarted() => Interlocked.Increment(ref _runs);

    /// <summary>Marks a run started with <see cref="RunStarted"/> as finished.</summary>
    public void RunFinished() => Interlocked.Decrement(ref _runs);

    /// <summary>Workers a loop may take now: all of them unless several runs go at once.</summary>
    private int Helpers => Math.Max(0, _workers.Length - Math.Max(0, Volatile.Read(ref _runs) - 1));

    /// <summary>Runs <paramref name="body"/> for chunks 0..<paramref name="chunks"/>-1, each exactly once, and returns when all are done.</summary>
    /// <remarks>The body is copied for the workers and only read by them (its <c>Run</c> should be <c>readonly</c>).</remarks>
    public void Run<TBody>(int chunks, ref TBody body) where TBody : struct, IChunkBody
    {
        if (chunks <= 1)
        {
            if (chunks == 1)
            {
                body.Run(0);
            }
            return;
        }
        _cancellation.ThrowIfCancellationRequested();
        if (Helpers == 0 || _disposed || Interlocked.CompareExchange(ref _held, 1, 0) != 0)
        {
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                body.Run(chunk);
            }
            return;
        }
        try
        {
            RunHeld(chunks, ref body);
        }
        finally
        {
            Volatile.Write(ref _held, 0);
        }
    }

    private void RunHeld<TBody>(int chunks, ref TBody body) where TBody : struct, IChunkBody
    {
        if (!_jobs.TryGetValue(typeof(TBody), out var job))
        {
            job = new ChunkJob<TBody>();
            _jobs.Add(typeof(TBody), job);
        }
        var typed = (ChunkJob<TBody>)job;
        typed.Body = body;
        _job = job;
        _chunks = chunks;
        _remaining = chunks;
        _errors = null;
        // Publishing the new epoch (a full fence) makes the job, chunk count and body visible to whoever claims from it.
        Interlocked.Exchange(ref _claim, ((Volatile.Read(ref _claim) >> 32) + 1) << 32);
        Wake();
        while (TryClaim(out var chunk, out _))
        {
            try
            {
                body.Run(chunk);
            }
            catch (Exception error)
            {
                Fail(error);
            }
            Interlocked.Decrement(ref _remaining);
        }
        var spin = new SpinWait();
        while (Volatile.Read(ref _remaining) != 0)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
        typed.Body = default;
        _job = null;
        if (_errors is { } errors)
        {
            throw new AggregateException(errors);
        }
    }

    /// <summary>Claims the next chunk of the current loop; false when every chunk of the loop of <paramref name="epoch"/> is claimed.</summary>
    private bool TryClaim(out int chunk, out long epoch)
    {
        while (true)
        {
            var claim = Volatile.Read(ref _claim);
            epoch = claim >> 32;
            chunk = (int)(claim & uint.MaxValue);
            // _chunks is at least as new as the epoch read above; if it is newer, the exchange below fails.
            if (chunk >= Volatile.Read(ref _chunks))
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _claim, claim + 1, claim) == claim)
            {
                return true;
            }
        }
    }

    /// <summary>Records a chunk's failure and gives up the chunks nobody has claimed yet, as <c>Parallel.For</c> stops.</summary>
    private void Fail(Exception error)
    {
        lock (_gate)
        {
            (_errors ??= []).Add(error);
        }
        while (true)
        {
            var claim = Volatile.Read(ref _claim);
            var next = (int)(claim & uint.MaxValue);
            var chunks = Volatile.Read(ref _chunks);
            if (next >= chunks)
            {
                return;
            }
            if (Interlocked.CompareExchange(ref _claim, (claim & ~(long)uint.MaxValue) | (uint)chunks, claim) == claim)
            {
                Interlocked.Add(ref _remaining, next - chunks);
                return;
            }
        }
    }

    /// <summary>Wakes the sleeping workers and starts the exited ones; spinning workers see the new epoch themselves.</summary>
    private void Wake()
    {
        foreach (var worker in _workers.AsSpan(0, Helpers))
        {
            switch (Interlocked.Exchange(ref worker.State, Running))
            {
                case Sleeping:
                    worker.Signal.Release();
                    break;
                case Exited:
                    Start(worker);
                    break;
            }
        }
    }

    private void Start(Worker worker)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            worker.Thread = new Thread(worker.Work) { IsBackground = true, Name = "hcsim worker" };
            worker.Thread.Start();
        }
    }

    /// <summary>The worker's loop: help with the current loop, spin for the next, sleep, exit when idle too long.</summary>
    private void Work(Worker worker)
    {
        while (!_disposed)
        {
            // A worker beyond the loops' share while several runs go at once sleeps instead of spinning.
            var included = worker.Index < Helpers;
            var seen = Volatile.Read(ref _claim) >> 32;
            while (included && TryClaim(out var chunk, out seen))
            {
                // The job cannot change before this chunk is done: the loop is not complete until it is.
                var job = Volatile.Read(ref _job)!;
                try
                {
                    job.Run(chunk);
                }
                catch (Exception error)
                {
                    Fail(error);
                }
                Interlocked.Decrement(ref _remaining);
            }
            if (HasWork(seen) || (included && SpinFor(seen)))
            {
                continue;
            }
            // Going to sleep: a loop posted from now on finds the state Sleeping and releases the signal.
            Interlocked.Exchange(ref worker.State, Sleeping);
            if (HasWork(seen) || _disposed)
            {
                if (Interlocked.CompareExchange(ref worker.State, Running, Sleeping) != Sleeping)
                {
                    // A poster already woke this worker: take the signal it released.
                    worker.Signal.Wait();
                }
                continue;
            }
            if (worker.Signal.Wait(IdleTimeout))
            {
                continue;
            }
            if (Interlocked.CompareExchange(ref worker.State, Exited, Sleeping) == Sleeping)
            {
                // The next loop sees Exited and starts a new thread for this worker.
                return;
            }
            worker.Signal.Wait();
        }
        Volatile.Write(ref worker.State, Exited);
    }

    private bool HasWork(long seenEpoch) => Volatile.Read(ref _claim) >> 32 != seenEpoch;

    private bool SpinFor(long seenEpoch)
    {
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() - start < _spinTicks)
        {
            if (HasWork(seenEpoch) || _disposed)
            {
                return true;
            }
            Thread.SpinWait(8);
        }
        return false;
    }

    /// <summary>Stops the workers and waits for their threads to exit; later loops run on the caller's thread.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
        }
        foreach (var worker in _workers)
        {
            if (Interlocked.Exchange(ref worker.State, Running) == Sleeping)
            {
                worker.Signal.Release();
            }
        }
        foreach (var worker in _workers)
        {
            worker.Thread?.Join();
            worker.Signal.Dispose();
        }
    }

    private sealed class Worker(WorkerPool pool, int index)
    {
        public readonly int Index = index;
        // Running (working or spinning), Sleeping (waiting on Signal) or Exited (no thread: the next loop starts one).
        public int State = Exited;
        public readonly SemaphoreSlim Signal = new(0);
        public Thread? Thread;

        public void Work() => pool.Work(this);
    }

    private abstract class ChunkJob
    {
        public abstract void Run(int chunk);
    }

    /// <summary>One per loop body type, reused by every loop of that type: the body is copied in, not captured.</summary>
    private sealed class ChunkJob<TBody> : ChunkJob where TBody : struct, IChunkBody
    {
        public TBody Body;

        public override void Run(int chunk) => Body.Run(chunk);
    }
}
