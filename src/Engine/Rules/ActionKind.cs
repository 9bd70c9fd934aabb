namespace Hcsim.Engine.Rules;

public enum ActionKind : byte
{
    SetColour,
    Isolate,
    Release,
    Test,
    Trace,
}
