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
    /// <summary>The <c>isolate_household</c> group action (the districts part).</summary>
    IsolateHousehold,
    /// <summary>The <c>test_household</c> group action (the districts part).</summary>
    TestHousehold,
    /// <summary>The <c>test_district</c> group action (the districts part).</summary>
    TestDistrict,
    /// <summary>The <c>isolate_district</c> group action (the districts part).</summary>
    IsolateDistrict,
    /// <summary>The <c>refuse_travel</c> action of the travel part: the trip does not take place (departure rules only).</summary>
    RefuseTravel,
}
