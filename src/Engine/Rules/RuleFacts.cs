namespace Hcsim.Engine.Rules;

/// <summary>The fixed, documented set of facts a condition can read (plus the policy parameters, as numbers).</summary>
public static class RuleFacts
{
    /// <summary>Value of <c>last_test_age</c> when the person has never had a result.</summary>
    public const int NoTestAge = 100_000;

    public static readonly IReadOnlyList<RuleFact> All =
    [
        new("colour", nameof(PersonFacts.Colour), typeof(string), "current colour name, e.g. \"red\""),
        new("days_in_colour", nameof(PersonFacts.DaysInColour), typeof(int), "days since the colour last changed (0 on the day it changed)"),
        new("healthy_streak", nameof(PersonFacts.HealthyStreak), typeof(int), "consecutive days with a check-in and no fever report, counted since the last colour change; a missed check-in or a fever report resets it to 0"),
        new("reported_fever", nameof(PersonFacts.ReportedFever), typeof(bool), "reported fever at today's check-in"),
        new("checked_in", nameof(PersonFacts.CheckedIn), typeof(bool), "checked in today"),
        new("quarantine", nameof(PersonFacts.Quarantine), typeof(string), "confinement in force today: \"none\", \"home\" or \"central\""),
        new("quarantine_days", nameof(PersonFacts.QuarantineDays), typeof(int), "days confined without a break so far, today included (0 when free); an upgrade from home to central continues the count"),
        new("last_test", nameof(PersonFacts.LastTest), typeof(string), "last test result: \"none\", \"negative\" or \"positive\""),
        new("last_test_age", nameof(PersonFacts.LastTestAge), typeof(int), "days since the last result arrived (100000 when none)"),
        new("test_pending", nameof(PersonFacts.TestPending), typeof(bool), "a test was ordered and its result has not arrived"),
        new("age", nameof(PersonFacts.Age), typeof(int), "age in years"),
        new("day", nameof(PersonFacts.Day), typeof(int), "simulation day (0-based)"),
        new("test_positive", nameof(PersonFacts.TestPositive), typeof(bool), "test_result trigger: the result arriving today is positive (false for other triggers)"),
        new("traced_layer", nameof(PersonFacts.TracedLayer), typeof(string), "traced trigger: layer of the traced contact (household, work, school, community; \"\" otherwise)"),
        new("traced_days_ago", nameof(PersonFacts.TracedDaysAgo), typeof(int), "traced trigger: days between the contact and the trace (0 = the day of the trace)"),
        new("trace_depth", nameof(PersonFacts.TraceDepth), typeof(int), "traced trigger: 1 for contacts of a case, 2 for contacts of contacts, ...; 0 otherwise"),
    ];
}
