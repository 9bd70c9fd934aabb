namespace Hcsim.Engine.Agents;

public enum TestOutcome : byte
{
    None = 0,
    Negative = 1,
    Positive = 2,
}
