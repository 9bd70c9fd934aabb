using System.Globalization;
using System.Text;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Regions;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Simulation;

/// <summary>
/// Counts the bytes each part of a day allocates, day by day, on one thread: the parts run on the calling thread (their
/// parallel loops too, through an <see cref="InlineTaskScheduler"/>), and <see cref="GC.GetAllocatedBytesForCurrentThread"/>
/// is read around each. What the loop scheduler itself allocates per parallel loop (measured once, <see cref="LoopCost"/>)
/// is not the part's: the meter keeps, per part and day, the bytes beyond that cost times the loops the part ran.
/// </summary>
internal sealed class PartAllocationMeter
{
    private readonly InlineTaskScheduler _scheduler = new();
    private readonly long[,] _bytes;

    public PartAllocationMeter(IReadOnlyList<string> parts, int days)
    {
        Parts = parts;
        Parallel = new ParallelOptions { MaxDegreeOfParallelism = 1, TaskScheduler = _scheduler };
        _bytes = new long[parts.Count, days];
        LoopCost = MeasureLoopCost();
    }

    /// <summary>Part names, in the order of their indices.</summary>
    public IReadOnlyList<string> Parts { get; }

    /// <summary>The options to run the measured simulation with: one thread, every task inline on it.</summary>
    public ParallelOptions Parallel { get; }

    /// <summary>
    /// Bytes one parallel loop may cost the scheduler itself (ChunkedLoop over Parallel.For, at most; 0 for an
    /// allocation-free pool). Up to about 150 B of a part's own allocations per loop can hide under it.
    /// </summary>
    public long LoopCost { get; }

    /// <summary>Bytes <paramref name="part"/> allocated on <paramref name="day"/>, beyond its loops' scheduling cost.</summary>
    public long BytesOf(int part, int day) => _bytes[part, day];

    public void Step(int part, IDayPhase phase, SimulationState state, int day)
    {
        var tasks = _scheduler.TasksRun;
        var before = GC.GetAllocatedBytesForCurrentThread();
        phase.Step(state, day);
        Record(part, day, GC.GetAllocatedBytesForCurrentThread() - before, _scheduler.TasksRun - tasks);
    }

    public void Exchange(int part, RegionsRun regions, int day)
    {
        var tasks = _scheduler.TasksRun;
        var before = GC.GetAllocatedBytesForCurrentThread();
        regions.ExchangeAfter(day);
        Record(part, day, GC.GetAllocatedBytesForCurrentThread() - before, _scheduler.TasksRun - tasks);
    }

    /// <summary>The days of [<paramref name="first"/>, <paramref name="last"/>] on which a part allocated more than <paramref name="allowance"/> bytes.</summary>
    public List<int> AllocatingDays(int part, int first, int last, long allowance)
    {
        var days = new List<int>();
        for (var day = first; day <= last; day++)
        {
            if (_bytes[part, day] > allowance)
            {
                days.Add(day);
            }
        }
        return days;
    }

    /// <summary>One line per part: the bytes of each day from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public string Table(int first, int last)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"loop scheduler: {LoopCost} B per parallel loop (not counted below)\n");
        text.Append(CultureInfo.InvariantCulture, $"bytes allocated per part, days {first} to {last}:\n");
        for (var part = 0; part < Parts.Count; part++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Parts[part],-24}");
            for (var day = first; day <= last; day++)
            {
                text.Append(CultureInfo.InvariantCulture, $" {_bytes[part, day]}");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private void Record(int part, int day, long bytes, int loops) =>
        _bytes[part, day] += Math.Max(0, bytes - (loops * LoopCost));

    /// <summary>
    /// The most a loop costs the scheduler: Parallel.For's cost varies a little with the number of chunks (its ranges) and
    /// the body's size (it keeps a copy), so loops of a few chunk counts with a large body are measured, after a first run.
    /// </summary>
    private long MeasureLoopCost()
    {
        var body = new CalibrationBody(1);
        long cost = 0;
        for (var round = 0; round < 2; round++)
        {
            foreach (var chunks in (ReadOnlySpan<int>)[2, 3, 5, 64, 300])
            {
                var tasks = _scheduler.TasksRun;
                var before = GC.GetAllocatedBytesForCurrentThread();
                ChunkedLoop.Run(chunks, Parallel, ref body);
                var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                cost = Math.Max(cost, bytes / Math.Max(1, _scheduler.TasksRun - tasks));
            }
        }
        return cost;
    }

    /// <summary>A body larger than any of the engine's (12 words; only the size matters), doing nothing.</summary>
    private struct CalibrationBody : IChunkBody
    {
        public long A, B, C, D, E, F, G, H, I, J, K, L;

        public CalibrationBody(long value) => A = B = C = D = E = F = G = H = I = J = K = L = value;

        public readonly void Run(int chunk)
        {
        }
    }
}
