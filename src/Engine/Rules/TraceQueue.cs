namespace Hcsim.Engine.Rules;

/// <summary>
/// Traced events waiting for their delivery day. A person reached by several traces due the same day receives one
/// event: the one of least depth, then most recent contact, then lowest source id (independent of trace order).
/// </summary>
public sealed class TraceQueue
{
    private readonly Dictionary<int, List<TracedEvent>> _byDay = [];
    private readonly List<TracedEvent> _delivered = [];

    public void Add(int dueDay, TracedEvent tracedEvent)
    {
        if (!_byDay.TryGetValue(dueDay, out var list))
        {
            list = [];
            _byDay[dueDay] = list;
        }
        list.Add(tracedEvent);
    }

    public bool HasDue(int day) => _byDay.ContainsKey(day);

    /// <summary>Whether any trace is waiting for delivery.</summary>
    public bool HasPending => _byDay.Count > 0;

    /// <summary>Removes the events due on <paramref name="day"/>, one per target, sorted by target.</summary>
    public List<TracedEvent> TakeDue(int day)
    {
        _delivered.Clear();
        if (!_byDay.Remove(day, out var list))
        {
            return _delivered;
        }
        list.Sort(static (a, b) =>
        {
            var c = a.Target.CompareTo(b.Target);
            if (c != 0) return c;
            c = a.Depth.CompareTo(b.Depth);
            if (c != 0) return c;
            c = a.DaysAgo.CompareTo(b.DaysAgo);
            if (c != 0) return c;
            c = a.Source.CompareTo(b.Source);
            return c != 0 ? c : a.Layer.CompareTo(b.Layer);
        });
        for (var i = 0; i < list.Count; i++)
        {
            if (i == 0 || list[i].Target != list[i - 1].Target)
            {
                _delivered.Add(list[i]);
            }
        }
        return _delivered;
    }
}
