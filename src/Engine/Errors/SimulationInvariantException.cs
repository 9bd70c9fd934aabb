namespace Hcsim.Engine.Errors;

/// <summary>The simulation reached a state that should be impossible: a bug, not bad input.</summary>
public sealed class SimulationInvariantException : SimulatorException
{
    public SimulationInvariantException(string message) : base(message) { }
}
