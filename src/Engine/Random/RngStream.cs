namespace Hcsim.Engine.Random;

/// <summary>
/// One named stream per random decision. A draw is a pure function of (seed, stream, day, a, b), so adding a stream
/// or a draw in one stream never changes another stream's numbers (common random numbers across variants).
/// Values are fixed: never renumber them, only append.
/// </summary>
public enum RngStream : ulong
{
    PopulationHousehold = 1,
    PopulationAge = 2,
    PopulationSchool = 3,
    PopulationWork = 4,
    PopulationCommunity = 5,
    InitialInfection = 10,
    Transmission = 12,
    Progression = 13,
    BackgroundIllness = 14,
    CheckIn = 15,
    FeverReport = 16,
    TestResult = 17,
    ReplicateSeed = 18,
    ContactWork = 20,
    ContactSchool = 21,
    ContactCommunity = 22,
    VenueRegular = 30,
    VenueVisit = 31,
    VenueChoice = 32,
    VenueContact = 33,
    VenueTransmission = 34,
    NoSmartphone = 35,
    QuarantineNoncompliance = 36,
    QuarantineLeak = 37,
    Importation = 40,
    TraceCoverage = 41,
    MassTestingShare = 42,
    MassTestingParticipation = 43,
    PoolRetest = 44,
    /// <summary>District target sizes (the districts part; a fixed seed, so sizes do not depend on the run).</summary>
    DistrictSize = 52,
    PopulationRedraw = 60,
    UncertaintyStratum = 61,
    UncertaintyPosition = 62,
    PersonAttributes = 45,
    TravelTrip = 70,
    TravelLength = 71,
    TravelContact = 72,
    TravelTransmission = 73,
    TravelTest = 74,
    /// <summary>Visitors at the destination's venues: whether, where and whom they meet, and transmission (travel with venues).</summary>
    TravelVenue = 75,
    /// <summary>ABC-SMC proposals of <c>hcsim calibrate</c>: day = generation, a = candidate index, b = draw.</summary>
    Calibration = 80,
    /// <summary>NSGA-II draws of <c>hcsim optimise</c>: day = generation, a = candidate index, b = draw.</summary>
    Search = 90,
    /// <summary>Data regimes: a case consents to upload their keys and visited venue-slots (person; day 0).</summary>
    KeyUpload = 95,
    /// <summary>Data regimes: a code holder runs the proximity-logging app (person; day 0).</summary>
    AppUptake = 96,
    /// <summary>Data regimes: a contact is logged on both phones (contact day and layer, lower id, higher id).</summary>
    ProximityDetection = 97,
    /// <summary>Data regimes: a notified person heeds the notification (day, person).</summary>
    NotificationCompliance = 98,
}
