namespace Hcsim.Engine.Scenarios;

/// <summary>
/// One rule action; exactly one of the action keys is set. In YAML: <c>set_colour: red</c>, <c>isolate: central</c>
/// (optionally with <c>days:</c>), <c>release</c> or <c>release: green</c>, <c>test: pcr</c>, <c>trace: {...}</c>.
/// </summary>
public sealed record ActionConfig
{
    /// <summary>Raise the colour to this one; never lowers (see <see cref="Release"/>).</summary>
    public string? SetColour { get; init; }
    /// <summary>Confine: <c>home</c> or <c>central</c>.</summary>
    public string? Isolate { get; init; }
    /// <summary>Days of confinement for <see cref="Isolate"/>; absent means until released.</summary>
    public NumberOrParameter? Days { get; init; }
    /// <summary>End confinement and set this colour (empty string means the first declared colour).</summary>
    public string? Release { get; init; }
    /// <summary>Order a test of this kind.</summary>
    public string? Test { get; init; }
    public TraceConfig? Trace { get; init; }
    /// <summary>Co-location flagging (the venues part).</summary>
    public Hcsim.Engine.Venues.TraceVenuesConfig? TraceVenues { get; init; }
    /// <summary>Confine the person's whole household (a group action).</summary>
    public Hcsim.Engine.Districts.GroupIsolationConfig? IsolateHousehold { get; init; }
    /// <summary>Order a test of this kind for everyone in the person's household (a group action).</summary>
    public string? TestHousehold { get; init; }
    /// <summary>Order a test of this kind for everyone in the person's district (a group action; needs districts).</summary>
    public string? TestDistrict { get; init; }
    /// <summary>Confine the person's whole district for some days (a group action; needs districts).</summary>
    public Hcsim.Engine.Districts.GroupIsolationConfig? IsolateDistrict { get; init; }
    /// <summary><c>refuse_travel: true</c>: the trip does not take place (departure rules of the travel part only).</summary>
    public bool? RefuseTravel { get; init; }
}
