using System.Runtime.InteropServices;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tracing;

/// <summary>
/// Traced events waiting for their delivery day. A person receives at most one traced event a day: among the events due
/// the same day, the one of least depth, then most recent contact, then lowest source id (independent of trace order);
/// an event due in a later round of the same day (<c>delay_days: 0</c>) for a person already reached that day is dropped.
/// Events due on or after the last day of the run are never queued, since no day would deliver them.
/// </summary>
/// <remarks>
/// A large epidemic traces millions of contacts a day, so events are never copied into one big list: the tracing
/// chunks hand over their own lists (segments), and delivery scatters them once into a scratch array by target range,
/// sorts the ranges in parallel and keeps the first event per target. Segment lists are cleared and handed back for
/// reuse, so the large-object heap does not grow a new array every day; so are the per-day lists of segments, so a
/// steady-state day allocates nothing.
/// </remarks>
public sealed class TraceQueue
{
    private const int ParallelSortFrom = 1 << 12;

    private readonly int _days;
    private readonly Dictionary<int, List<List<TracedEvent>>> _byDay = [];
    private readonly List<TracedEvent> _delivered = [];
    private readonly Stack<List<TracedEvent>> _spare = new();
    private readonly Stack<List<List<TracedEvent>>> _spareDays = new();
    private readonly KeyRangeScatter<TracedEvent> _scatter = new();
    private readonly List<int> _reachedToday = [];
    private readonly List<int> _reachedMerge = [];
    private int _reachedDay = -1;

    /// <param name="days">Days of the run: an event due on day <paramref name="days"/> or later is dropped.</param>
    public TraceQueue(int days)
    {
        _days = days;
    }

    /// <summary>Takes ownership of <paramref name="events"/>, all due on <paramref name="dueDay"/>.</summary>
    public void AddSegment(int dueDay, List<TracedEvent> events)
    {
        if (events.Count == 0 || dueDay >= _days)
        {
            events.Clear();
            _spare.Push(events);
            return;
        }
        if (!_byDay.TryGetValue(dueDay, out var segments))
        {
            segments = _spareDays.Count > 0 ? _spareDays.Pop() : [];
            _byDay[dueDay] = segments;
        }
        segments.Add(events);
    }

    /// <summary>An empty list to fill and hand over with <see cref="AddSegment"/> (a reused one when there is one).</summary>
    public List<TracedEvent> RentSegment() => _spare.Count > 0 ? _spare.Pop() : [];

    public bool HasDue(int day) => _byDay.ContainsKey(day);

    /// <summary>Whether any trace is waiting for delivery.</summary>
    public bool HasPending => _byDay.Count > 0;

    /// <summary>
    /// Removes the events due on <paramref name="day"/>, one per target not yet reached today, sorted by target.
    /// Called once per delivery round; the returned list is valid until the next call.
    /// </summary>
    public List<TracedEvent> TakeDue(int day, WorkerPool parallel)
    {
        _delivered.Clear();
        if (_reachedDay != day)
        {
            _reachedDay = day;
            _reachedToday.Clear();
        }
        if (!_byDay.Remove(day, out var segments))
        {
            return _delivered;
        }
        _scatter.Scatter<ByTarget>(CollectionsMarshal.AsSpan(segments), ParallelSortFrom, default, parallel);
        var body = new SortRanges { Scatter = _scatter };
        ChunkedLoop.Run(_scatter.Ranges, parallel, ref body);
        var sorted = _scatter.All;
        var earlier = CollectionsMarshal.AsSpan(_reachedToday);
        for (var i = 0; i < sorted.Length; i++)
        {
            var target = sorted[i].Target;
            if ((i == 0 || target != sorted[i - 1].Target) && (earlier.Length == 0 || earlier.BinarySearch(target) < 0))
            {
                _delivered.Add(sorted[i]);
            }
        }
        RememberReached();
        foreach (var segment in segments)
        {
            segment.Clear();
            _spare.Push(segment);
        }
        segments.Clear();
        _spareDays.Push(segments);
        return _delivered;
    }

    /// <summary>Merges today's delivered targets (sorted) into the sorted list of people reached today.</summary>
    private void RememberReached()
    {
        if (_reachedToday.Count == 0)
        {
            foreach (var e in CollectionsMarshal.AsSpan(_delivered))
            {
                _reachedToday.Add(e.Target);
            }
            return;
        }
        _reachedMerge.Clear();
        var a = 0;
        var b = 0;
        while (a < _reachedToday.Count || b < _delivered.Count)
        {
            if (b >= _delivered.Count || (a < _reachedToday.Count && _reachedToday[a] < _delivered[b].Target))
            {
                _reachedMerge.Add(_reachedToday[a++]);
            }
            else
            {
                _reachedMerge.Add(_delivered[b++].Target);
            }
        }
        _reachedToday.Clear();
        _reachedToday.AddRange(_reachedMerge);
    }

    private readonly struct ByTarget : IKeyOf<TracedEvent>
    {
        public int KeyOf(in TracedEvent item) => item.Target;
    }

    private struct SortRanges : IChunkBody
    {
        public KeyRangeScatter<TracedEvent> Scatter;

        // The events' own order (TracedEvent.CompareTo: target, then the event that wins for it): a sort with a struct
        // comparer would box it and call it through a delegate; this one allocates nothing and inlines the comparison.
        public readonly void Run(int chunk) => Scatter.Range(chunk).Sort();
    }
}
