using Hcsim.Engine.Rules;

namespace Hcsim.Engine.Regions;

/// <summary>
/// What the travel part registers in the rules engine: the departure and arrival triggers, the traveller's regions and
/// home colour, and the refuse_travel action. Only meaningful with <c>travel</c> (the validator says so).
/// </summary>
public static class TravelRules
{
    /// <summary>The facts set only for departure and arrival rules.</summary>
    public static readonly string[] Facts = ["origin", "destination", "origin_colour"];

    /// <summary>
    /// What an arrival rule may read: the destination holds only what travels with the visitor (the regions, the home
    /// colour and code, age and the test history) and the day.
    /// </summary>
    public static readonly string[] ArrivalFacts =
        ["origin", "destination", "origin_colour", "has_code", "age", "day", "last_test", "last_test_age", "last_negative_age", "last_sample_age", "test_pending"];

    public static void Register(RuleRegistry.Builder rules) => rules
        .Fact("origin", nameof(PersonFacts.Origin), typeof(string), "departure/arrival triggers: the traveller's home region, e.g. \"gamma\" (\"\" otherwise)")
        .Fact("destination", nameof(PersonFacts.Destination), typeof(string), "departure/arrival triggers: the region the trip goes to (\"\" otherwise)")
        .Fact("origin_colour", nameof(PersonFacts.OriginColour), typeof(string), "departure/arrival triggers: the colour the traveller holds at home, a name among the origin's colours (\"\" otherwise)")
        .Trigger("departure", RuleTrigger.Departure, "a resident about to leave on a trip, at the origin before boarding (the origin's rules; needs travel)")
        .Trigger("arrival", RuleTrigger.Arrival, "a visitor on the first day at the destination (the destination's rules; needs travel)")
        .Action("refuse_travel", ActionKind.RefuseTravel, "departure rules only: the trip does not take place, the traveller stays home (counted in travellers_refused)");
}
