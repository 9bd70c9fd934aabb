namespace Hcsim.Engine.Rules;

public enum ActionKind : byte
{
    SetColour,
    /// <summary>The <c>isolate</c> action: confine at home or centrally.</summary>
    Confine,
    Release,
    Test,
    Trace,
    /// <summary>The <c>trace_venues</c> action of the venues part: co-location flagging.</summary>
    TraceVenues,
}
