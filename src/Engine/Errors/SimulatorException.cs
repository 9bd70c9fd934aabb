namespace Hcsim.Engine.Errors;

/// <summary>Base of every error the simulator reports to a user; the Runner maps each kind to an exit code.</summary>
public abstract class SimulatorException : Exception
{
    protected SimulatorException(string message) : base(message) { }
    protected SimulatorException(string message, Exception inner) : base(message, inner) { }
}
