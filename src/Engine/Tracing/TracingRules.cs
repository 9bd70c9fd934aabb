using Hcsim.Engine.Rules;

namespace Hcsim.Engine.Tracing;

/// <summary>What the tracing part registers in the rules engine: the traced trigger, its payload facts and the trace action.</summary>
public static class TracingRules
{
    public static void Register(RuleRegistry.Builder rules) => rules
        .Fact("traced_layer", nameof(PersonFacts.TracedLayer), typeof(string), "traced trigger: layer of the traced contact (household, work, school, community; \"\" otherwise)")
        .Fact("traced_days_ago", nameof(PersonFacts.TracedDaysAgo), typeof(int), "traced trigger: days between the contact and the trace (0 = the day of the trace)")
        .Fact("trace_depth", nameof(PersonFacts.TraceDepth), typeof(int), "traced trigger: 1 for contacts of a case, 2 for contacts of contacts, ...; 0 otherwise")
        .Trigger("traced", RuleTrigger.Traced, "people reached by contact tracing today (one traced event per person per day at most)")
        .Action("trace", ActionKind.Trace, "find the person's contacts over the last days in the given layers, as they happened; each receives a traced event delay_days later");
}
