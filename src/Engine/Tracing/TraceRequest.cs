namespace Hcsim.Engine.Tracing;

/// <summary>
/// A trace asked for by a rule action: the contacts of <see cref="Agent"/> in the layers of the <see cref="Layers"/>
/// bit mask over the last <see cref="Days"/> days, each to receive a traced event of depth <see cref="Depth"/>
/// <see cref="DelayDays"/> days later.
/// </summary>
public readonly record struct TraceRequest(int Agent, int Depth, byte Layers, int Days, int DelayDays);
