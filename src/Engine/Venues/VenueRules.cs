using Hcsim.Engine.Rules;

namespace Hcsim.Engine.Venues;

/// <summary>What the venues part registers in the rules engine: the venue_exposure trigger, its facts and the trace_venues action.</summary>
public static class VenueRules
{
    public static void Register(RuleRegistry.Builder rules) => rules
        .Fact("venue_kind", nameof(PersonFacts.VenueKind), typeof(string), "venue_exposure trigger: kind of the venue where the person scanned near a case (\"\" otherwise)")
        .Fact("exposure_days_ago", nameof(PersonFacts.ExposureDaysAgo), typeof(int), "venue_exposure trigger: days between the shared visit and the trace (0 = the day of the trace)")
        .Trigger("venue_exposure", RuleTrigger.VenueExposure, "people who scanned at the same venue as a traced case within the action's window of slots (one event per person per day at most)")
        .Action("trace_venues", ActionKind.TraceVenues, "find everyone who scanned at the person's venues within window_slots of their visits over the last days; each receives a venue_exposure event delay_days later");
}
