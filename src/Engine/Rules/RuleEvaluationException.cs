using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Rules;

/// <summary>
/// A rule condition failed while running (an integer division by zero): the scenario's fault, not the engine's. Names
/// the rule, where its condition is written, the simulated day and the variant.
/// </summary>
public sealed class RuleEvaluationException : SimulatorException
{
    public RuleEvaluationException(string rule, RuleSource? source, int day, Exception inner)
        : base(Describe(rule, source, day, inner), inner)
    {
        Rule = rule;
        Condition = source;
        Day = day;
    }

    public string Rule { get; }
    /// <summary>Where the condition is written and the variant; null for a rule compiled outside a loaded scenario.</summary>
    public RuleSource? Condition { get; }
    /// <summary>The simulated day (0-based) on which the condition failed.</summary>
    public int Day { get; }

    private static string Describe(string rule, RuleSource? source, int day, Exception inner)
    {
        var where = source is null ? "" : $"{source}: ";
        var variant = source is null ? "" : $" in variant '{source.Variant}'";
        return $"{where}rule '{rule}': its condition failed on day {day}{variant}: {inner.Message} "
            + "A condition must not divide by something that can be 0; guard it, as in 'quarantine_days > 0 && age / quarantine_days > 1'.";
    }
}
