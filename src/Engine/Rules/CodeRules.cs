namespace Hcsim.Engine.Rules;

/// <summary>What the health-code part registers: the person's code and confinement, age and day; daily rules; colour and confinement actions.</summary>
public static class CodeRules
{
    public static void Register(RuleRegistry.Builder rules) => rules
        .Fact("colour", nameof(PersonFacts.Colour), typeof(string), "current colour name, e.g. \"red\"")
        .Fact("days_in_colour", nameof(PersonFacts.DaysInColour), typeof(int), "days since the colour last changed (0 on the day it changed)")
        .Fact("quarantine", nameof(PersonFacts.Confinement), typeof(string), "confinement in force today: \"none\", \"home\" or \"central\"")
        .Fact("quarantine_days", nameof(PersonFacts.ConfinementDays), typeof(int), "days confined without a break so far, today included (0 when free); an upgrade from home to central continues the count")
        .Fact("age", nameof(PersonFacts.Age), typeof(int), "age in years")
        .Fact("day", nameof(PersonFacts.Day), typeof(int), "simulation day (0-based)")
        .Trigger("daily", RuleTrigger.Daily, "every living person (of the rule's colours), every day")
        .Action("set_colour", ActionKind.SetColour, "raise the colour; never lowers")
        .Action("isolate", ActionKind.Confine, "confine at home or centrally from tomorrow, for days: N or until released; extends and upgrades an ongoing confinement")
        .Action("release", ActionKind.Release, "set the colour (default the first), even if lower, and end the confinement from tomorrow");
}
