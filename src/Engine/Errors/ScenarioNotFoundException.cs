namespace Hcsim.Engine.Errors;

public sealed class ScenarioNotFoundException : SimulatorException
{
    public ScenarioNotFoundException(string path) : base($"{path}: scenario file not found") { }
}
