using Hcsim.Engine.Errors;

namespace Hcsim.Runner.Output;

/// <summary>A results folder could not be read back (missing or foreign files); maps to exit code 3 like other I/O errors.</summary>
public sealed class OutputReadException : SimulatorException
{
    public OutputReadException(string message) : base(message) { }

    public OutputReadException(string message, Exception inner) : base(message, inner) { }
}
