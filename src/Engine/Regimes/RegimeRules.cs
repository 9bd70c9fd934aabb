using Hcsim.Engine.Rules;

namespace Hcsim.Engine.Regimes;

/// <summary>What the data-regime part registers in the rules engine: the notified trigger (exposure notification) and its facts.</summary>
public static class RegimeRules
{
    /// <summary>The facts only notified rules have.</summary>
    public static readonly string[] Facts = ["notified_days_ago", "notification_heeded"];

    public static void Register(RuleRegistry.Builder rules) => rules
        .Fact("notified_days_ago", nameof(PersonFacts.NotifiedDaysAgo), typeof(int), "notified trigger: days between the logged contact and the notification (0 = the day of the notification)")
        .Fact("notification_heeded", nameof(PersonFacts.NotificationHeeded), typeof(bool), "notified trigger (and venue_exposure under data.scans: device): the person heeds the notification (drawn with probability data.notification_compliance per person and day)")
        .Trigger("notified", RuleTrigger.Notified, "(needs data.contacts: device) people whose phone matched a contact logged with a case who uploaded their keys, delivered today (one per person per day at most)");
}
