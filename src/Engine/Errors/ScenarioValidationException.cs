using System.Collections.Immutable;

namespace Hcsim.Engine.Errors;

/// <summary>A scenario that cannot run; carries every problem found, not just the first.</summary>
public sealed class ScenarioValidationException : SimulatorException
{
    public ScenarioValidationException(ImmutableArray<ScenarioError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    public ImmutableArray<ScenarioError> Errors { get; }
}
