namespace Hcsim.Engine.Testing;

/// <summary>A result reaching a person on a day.</summary>
public readonly record struct TestResultEvent(int Agent, bool Positive);
