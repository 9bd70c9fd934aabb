namespace Hcsim.Engine.Rules;

/// <summary>
/// Everything a rule condition can read about one person on one day: what the code system knows, never the true
/// infection state. Built only for the people a trigger concerns. Field meanings are listed in <see cref="RuleFacts"/>.
/// </summary>
public struct PersonFacts
{
    public string Colour;
    public int DaysInColour;
    public int HealthyStreak;
    public bool ReportedFever;
    public bool CheckedIn;
    public string Confinement;
    public int ConfinementDays;
    public string LastTest;
    public int LastTestAge;
    public int LastNegativeAge;
    public int LastSampleAge;
    public bool TestPending;
    public int Age;
    public int Day;
    public bool TestPositive;
    public string TracedLayer;
    public int TracedDaysAgo;
    public int TraceDepth;
    public string VenueKind;
    public int ExposureDaysAgo;
    public bool HasCode;
    public int District;
    public string DistrictRisk;
    public int DistrictRiskLevel;
    public int DistrictCases;
    /// <summary>The person's index: declared attributes are read from their columns through it.</summary>
    public int Agent;
    /// <summary>The run's attribute columns; null when the scenario declares none.</summary>
    public People.PersonAttributes? Attributes;
    public double Score;
    /// <summary>departure/arrival triggers: the traveller's home region, the trip's destination and the colour held at home ("" otherwise).</summary>
    public string Origin;
    public string Destination;
    public string OriginColour;
    /// <summary>notified trigger: days since the logged contact, and whether the person heeds the notification.</summary>
    public int NotifiedDaysAgo;
    public bool NotificationHeeded;
}
