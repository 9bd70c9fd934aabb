namespace Hcsim.Engine.Venues;

/// <summary>
/// Venue exposures waiting for their delivery day. A person receives at most one a day: the most recent exposure, then
/// the lowest source id, then the first kind in name order (independent of the order of tracing). Exposures due on or
/// after the last day of the run are dropped. A day's list is reused once delivered, so a steady-state day allocates nothing.
/// </summary>
public sealed class VenueExposureQueue
{
    private readonly int _days;
    private readonly Dictionary<int, List<VenueExposure>> _byDay = [];
    private readonly Stack<List<VenueExposure>> _spare = new();

    public VenueExposureQueue(int days)
    {
        _days = days;
    }

    /// <summary>Whether any exposure is waiting for delivery.</summary>
    public bool HasPending => _byDay.Count > 0;

    public void Add(int dueDay, List<VenueExposure> exposures)
    {
        if (exposures.Count == 0 || dueDay >= _days)
        {
            return;
        }
        if (!_byDay.TryGetValue(dueDay, out var list))
        {
            list = _spare.Count > 0 ? _spare.Pop() : [];
            _byDay[dueDay] = list;
        }
        list.AddRange(exposures);
    }

    /// <summary>Moves the exposures due on <paramref name="day"/> into <paramref name="into"/> (cleared first), one per person, by person.</summary>
    public void TakeDue(int day, List<VenueExposure> into)
    {
        into.Clear();
        if (!_byDay.Remove(day, out var due))
        {
            return;
        }
        due.Sort(static (a, b) =>
        {
            var c = a.Target.CompareTo(b.Target);
            if (c != 0) return c;
            c = a.DaysAgo.CompareTo(b.DaysAgo);
            if (c != 0) return c;
            c = a.Source.CompareTo(b.Source);
            return c != 0 ? c : string.CompareOrdinal(a.Kind, b.Kind);
        });
        for (var i = 0; i < due.Count; i++)
        {
            if (i == 0 || due[i].Target != due[i - 1].Target)
            {
                into.Add(due[i]);
            }
        }
        due.Clear();
        _spare.Push(due);
    }
}
