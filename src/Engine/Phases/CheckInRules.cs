using Hcsim.Engine.Rules;

namespace Hcsim.Engine.Phases;

/// <summary>What the check-in part registers in the rules engine: the healthy streak and today's check-in facts and triggers.</summary>
public static class CheckInRules
{
    public static void Register(RuleRegistry.Builder rules) => rules
        .Fact("healthy_streak", nameof(PersonFacts.HealthyStreak), typeof(int), "consecutive days with a check-in and no fever report, counted since the last colour change; a missed check-in or a fever report resets it to 0")
        .Fact("reported_fever", nameof(PersonFacts.ReportedFever), typeof(bool), "reported fever at today's check-in")
        .Fact("checked_in", nameof(PersonFacts.CheckedIn), typeof(bool), "checked in today")
        .Fact("has_code", nameof(PersonFacts.HasCode), typeof(bool), "the person holds a code (has a smartphone; see checkin.no_smartphone_share_by_age)")
        .Trigger("checkin", RuleTrigger.Checkin, "people who checked in today (with or without fever)")
        .Trigger("fever_report", RuleTrigger.FeverReport, "people who reported fever at today's check-in");
}
