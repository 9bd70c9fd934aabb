using System.Runtime.InteropServices;

namespace Hcsim.Engine.Rules;

/// <summary>
/// Traced events waiting for their delivery day. A person reached by several traces due the same day receives one
/// event: the one of least depth, then most recent contact, then lowest source id (independent of trace order).
/// </summary>
/// <remarks>
/// A large epidemic traces millions of contacts a day, so events are never copied into one big list: the tracing
/// chunks hand over their own lists (segments), and delivery scatters them once into a scratch array by target range,
/// sorts the ranges in parallel and keeps the first event per target. Segment lists are cleared and handed back for
/// reuse, so the large-object heap does not grow a new array every day.
/// </remarks>
public sealed class TraceQueue
{
    private const int Buckets = 64;

    private readonly Dictionary<int, List<List<TracedEvent>>> _byDay = [];
    private readonly List<TracedEvent> _delivered = [];
    private readonly Stack<List<TracedEvent>> _spare = new();
    private TracedEvent[] _scratch = [];

    /// <summary>Target, then the event that wins for it; a struct comparer so the sort inlines the comparison.</summary>
    private readonly struct Priority : IComparer<TracedEvent>
    {
        public int Compare(TracedEvent a, TracedEvent b)
        {
            var c = a.Target.CompareTo(b.Target);
            if (c != 0) return c;
            c = a.Priority.CompareTo(b.Priority);
            if (c != 0) return c;
            c = a.Source.CompareTo(b.Source);
            return c != 0 ? c : a.Layer.CompareTo(b.Layer);
        }
    }

    /// <summary>Takes ownership of <paramref name="events"/>, all due on <paramref name="dueDay"/>.</summary>
    public void AddSegment(int dueDay, List<TracedEvent> events)
    {
        if (events.Count == 0)
        {
            _spare.Push(events);
            return;
        }
        if (!_byDay.TryGetValue(dueDay, out var segments))
        {
            segments = [];
            _byDay[dueDay] = segments;
        }
        segments.Add(events);
    }

    /// <summary>An empty list to fill and hand over with <see cref="AddSegment"/> (a reused one when there is one).</summary>
    public List<TracedEvent> RentSegment() => _spare.Count > 0 ? _spare.Pop() : [];

    public bool HasDue(int day) => _byDay.ContainsKey(day);

    /// <summary>Whether any trace is waiting for delivery.</summary>
    public bool HasPending => _byDay.Count > 0;

    /// <summary>Removes the events due on <paramref name="day"/>, one per target, sorted by target.</summary>
    public List<TracedEvent> TakeDue(int day, ParallelOptions parallel)
    {
        _delivered.Clear();
        if (!_byDay.Remove(day, out var segments))
        {
            return _delivered;
        }
        var sorted = Sort(segments, parallel);
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i].Target != sorted[i - 1].Target)
            {
                _delivered.Add(sorted[i]);
            }
        }
        foreach (var segment in segments)
        {
            segment.Clear();
            _spare.Push(segment);
        }
        return _delivered;
    }

    /// <summary>
    /// The events of all segments sorted by <see cref="Priority"/>: scattered by target range (a counting pass), then
    /// the ranges sorted in parallel; the result is the same as one sort.
    /// </summary>
    private ReadOnlySpan<TracedEvent> Sort(List<List<TracedEvent>> segments, ParallelOptions parallel)
    {
        var total = 0;
        var maxTarget = 0;
        foreach (var segment in segments)
        {
            total += segment.Count;
            foreach (var e in CollectionsMarshal.AsSpan(segment))
            {
                maxTarget = Math.Max(maxTarget, e.Target);
            }
        }
        if (_scratch.Length < total)
        {
            _scratch = new TracedEvent[Math.Max(total, _scratch.Length * 3 / 2)];
        }
        var start = new int[Buckets + 1];
        foreach (var segment in segments)
        {
            foreach (var e in CollectionsMarshal.AsSpan(segment))
            {
                start[Bucket(e.Target, maxTarget) + 1]++;
            }
        }
        for (var b = 0; b < Buckets; b++)
        {
            start[b + 1] += start[b];
        }
        var fill = start[..Buckets];
        foreach (var segment in segments)
        {
            foreach (var e in CollectionsMarshal.AsSpan(segment))
            {
                _scratch[fill[Bucket(e.Target, maxTarget)]++] = e;
            }
        }
        var scratch = _scratch;
        if (total < 1 << 14)
        {
            scratch.AsSpan(0, total).Sort(new Priority());
        }
        else
        {
            Parallel.For(0, Buckets, parallel, b => scratch.AsSpan(start[b], start[b + 1] - start[b]).Sort(new Priority()));
        }
        return scratch.AsSpan(0, total);

        static int Bucket(int target, int maxTarget) => (int)((long)target * Buckets / ((long)maxTarget + 1));
    }
}
