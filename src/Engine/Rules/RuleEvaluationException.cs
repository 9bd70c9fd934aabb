using Hcsim.Engine.Errors;

namespace Hcsim.Engine.Rules;

/// <summary>A rule condition failed while running (integer division by zero): the scenario's fault, not the engine's.</summary>
public sealed class RuleEvaluationException : SimulatorException
{
    public RuleEvaluationException(string rule, Exception inner)
        : base($"rule '{rule}': its condition failed while running: {inner.Message}", inner) { }
}
