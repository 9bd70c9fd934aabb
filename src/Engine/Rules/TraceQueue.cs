using System.Runtime.InteropServices;

namespace Hcsim.Engine.Rules;

/// <summary>
/// Traced events waiting for their delivery day. A person reached by several traces due the same day receives one
/// event: the one of least depth, then most recent contact, then lowest source id (independent of trace order).
/// </summary>
public sealed class TraceQueue
{
    private readonly Dictionary<int, List<TracedEvent>> _byDay = [];
    private readonly List<TracedEvent> _delivered = [];
    private TracedEvent[] _scratch = [];
    private int _lastDay = -1;
    private List<TracedEvent>? _lastList;

    /// <summary>Target, then the event that wins for it; a struct comparer so the sort inlines the comparison.</summary>
    private readonly struct Priority : IComparer<TracedEvent>
    {
        public int Compare(TracedEvent a, TracedEvent b)
        {
            var c = a.Target.CompareTo(b.Target);
            if (c != 0) return c;
            c = a.Depth.CompareTo(b.Depth);
            if (c != 0) return c;
            c = a.DaysAgo.CompareTo(b.DaysAgo);
            if (c != 0) return c;
            c = a.Source.CompareTo(b.Source);
            return c != 0 ? c : a.Layer.CompareTo(b.Layer);
        }
    }

    public void Add(int dueDay, TracedEvent tracedEvent)
    {
        // Traces come in runs with the same due day: remember the last list instead of looking it up every time.
        if (dueDay != _lastDay || _lastList is null)
        {
            if (!_byDay.TryGetValue(dueDay, out var list))
            {
                list = [];
                _byDay[dueDay] = list;
            }
            _lastDay = dueDay;
            _lastList = list;
        }
        _lastList.Add(tracedEvent);
    }

    public bool HasDue(int day) => _byDay.ContainsKey(day);

    /// <summary>Whether any trace is waiting for delivery.</summary>
    public bool HasPending => _byDay.Count > 0;

    /// <summary>Removes the events due on <paramref name="day"/>, one per target, sorted by target.</summary>
    public List<TracedEvent> TakeDue(int day, ParallelOptions parallel)
    {
        _delivered.Clear();
        if (!_byDay.Remove(day, out var list))
        {
            return _delivered;
        }
        if (ReferenceEquals(list, _lastList))
        {
            _lastList = null;
        }
        var sorted = SortByTarget(CollectionsMarshal.AsSpan(list), parallel);
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i].Target != sorted[i - 1].Target)
            {
                _delivered.Add(sorted[i]);
            }
        }
        return _delivered;
    }

    /// <summary>
    /// Sorts by <see cref="Priority"/>. A large day is split into target ranges (a counting pass), and the ranges are
    /// sorted in parallel; the result is the same as one sort.
    /// </summary>
    private ReadOnlySpan<TracedEvent> SortByTarget(Span<TracedEvent> events, ParallelOptions parallel)
    {
        const int Buckets = 64;
        if (events.Length < 1 << 14)
        {
            events.Sort(new Priority());
            return events;
        }
        var maxTarget = 0;
        foreach (var e in events)
        {
            maxTarget = Math.Max(maxTarget, e.Target);
        }
        var start = new int[Buckets + 1];
        foreach (var e in events)
        {
            start[Bucket(e.Target, maxTarget) + 1]++;
        }
        for (var b = 0; b < Buckets; b++)
        {
            start[b + 1] += start[b];
        }
        if (_scratch.Length < events.Length)
        {
            _scratch = new TracedEvent[events.Length];
        }
        var fill = start[..Buckets];
        foreach (var e in events)
        {
            _scratch[fill[Bucket(e.Target, maxTarget)]++] = e;
        }
        var scratch = _scratch;
        Parallel.For(0, Buckets, parallel, b => scratch.AsSpan(start[b], start[b + 1] - start[b]).Sort(new Priority()));
        return scratch.AsSpan(0, events.Length);

        static int Bucket(int target, int maxTarget) => (int)((long)target * Buckets / ((long)maxTarget + 1));
    }
}
