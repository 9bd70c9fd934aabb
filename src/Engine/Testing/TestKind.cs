namespace Hcsim.Engine.Testing;

/// <summary>A test kind as the lab uses it.</summary>
public sealed record TestKind(string Name, double Sensitivity, double Specificity, int TurnaroundDays, int CapacityPerDay);
