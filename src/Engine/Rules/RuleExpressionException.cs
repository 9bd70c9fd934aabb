using Hcsim.Engine.Errors;

namespace Hcsim.Engine.Rules;

/// <summary>A rule condition that does not compile; <see cref="Position"/> is the 0-based offset inside the expression.</summary>
public sealed class RuleExpressionException : SimulatorException
{
    public RuleExpressionException(string message, int position) : base(message)
    {
        Position = position;
    }

    public int Position { get; }
}
