using Hcsim.Engine.Errors;

namespace Hcsim.Runner.Output;

/// <summary>An output file or folder could not be written; maps to exit code 3.</summary>
public sealed class OutputWriteException : SimulatorException
{
    public OutputWriteException(string message) : base(message) { }

    public OutputWriteException(string message, Exception inner) : base(message, inner) { }
}
