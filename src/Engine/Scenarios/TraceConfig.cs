using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Trace the contacts of the person over the last <see cref="Days"/> days (today included) in the given layers; each
/// contact found receives a <c>traced</c> event <see cref="DelayDays"/> days later.
/// </summary>
public sealed record TraceConfig
{
    public ImmutableArray<string> Layers { get; init; } = ["household", "work", "school"];
    public NumberOrParameter Days { get; init; } = NumberOrParameter.Of(3);
    public NumberOrParameter DelayDays { get; init; } = NumberOrParameter.Of(1);
}
