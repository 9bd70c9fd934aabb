namespace Hcsim.Engine.Rules;

/// <summary>What brings a person before a rule. Names are the scenario's <c>on:</c> values.</summary>
public enum RuleTrigger : byte
{
    /// <summary>The person checked in today (whether or not they reported fever).</summary>
    Checkin = 0,
    /// <summary>The person reported fever at today's check-in.</summary>
    FeverReport = 1,
    /// <summary>A test result of the person arrived today.</summary>
    TestResult = 2,
    /// <summary>Contact tracing reached the person (one event a day at most).</summary>
    Traced = 3,
    /// <summary>Every day, for every living person whose colour the rule names.</summary>
    Daily = 4,
    /// <summary>Co-location flagging reached the person (the venues part; one event a day at most).</summary>
    VenueExposure = 5,
    /// <summary>A resident about to leave on a trip, at the origin before boarding (the travel part).</summary>
    Departure = 6,
    /// <summary>A visitor arriving, at the destination on the first day there (the travel part).</summary>
    Arrival = 7,
    /// <summary>Exposure notification reached the person's phone (data regimes, contacts on devices; one a day at most).</summary>
    Notified = 8,
}
