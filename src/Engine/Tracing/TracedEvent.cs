using Hcsim.Engine.Contacts;

namespace Hcsim.Engine.Tracing;

/// <summary>
/// Tracing reached <see cref="Target"/> as a contact of <see cref="Source"/>. Packed into 12 bytes because a large
/// epidemic traces millions of contacts a day: layer, days ago and depth share one integer. Events are ordered by
/// target, then by the event that wins for that target (<see cref="Priority"/>, then lowest source, then layer): the
/// order the trace queue delivers in, and a total order (two events that compare equal are equal).
/// </summary>
public readonly struct TracedEvent : IEquatable<TracedEvent>, IComparable<TracedEvent>
{
    /// <summary>The deepest tracing generation an event can carry (8 bits), hence the bound of <c>policy.max_trace_depth</c>.</summary>
    public const int MaxDepth = 255;

    private readonly int _packed;

    public TracedEvent(int target, int source, ContactLayer layer, int daysAgo, int depth)
    {
        Target = target;
        Source = source;
        _packed = (Math.Min(depth, MaxDepth) << 24) | (Math.Min(daysAgo, 0xFFFF) << 8) | (int)layer;
    }

    public int Target { get; }
    public int Source { get; }
    public ContactLayer Layer => (ContactLayer)(_packed & 0xFF);
    public int DaysAgo => (_packed >> 8) & 0xFFFF;
    public int Depth => (int)((uint)_packed >> 24);

    /// <summary>Depth, then days ago: the smaller wins when one person is traced several times for the same day.</summary>
    public int Priority => (int)((uint)_packed >> 8);

    public int CompareTo(TracedEvent other)
    {
        var c = Target.CompareTo(other.Target);
        if (c != 0) return c;
        c = Priority.CompareTo(other.Priority);
        if (c != 0) return c;
        c = Source.CompareTo(other.Source);
        return c != 0 ? c : ((int)Layer).CompareTo((int)other.Layer);
    }

    public bool Equals(TracedEvent other) => Target == other.Target && Source == other.Source && _packed == other._packed;
    public override bool Equals(object? obj) => obj is TracedEvent other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Target, Source, _packed);
    public static bool operator ==(TracedEvent left, TracedEvent right) => left.Equals(right);
    public static bool operator !=(TracedEvent left, TracedEvent right) => !left.Equals(right);
}
