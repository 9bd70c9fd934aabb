namespace Hcsim.Engine.People;

/// <summary>An attribute as rule expressions see it: its name, whether it is a boolean (else a number) and its column.</summary>
/// <param name="Column">Index among the booleans' columns (<see cref="PersonAttributes.Flag"/>) or the numbers' (<see cref="PersonAttributes.Number"/>).</param>
public sealed record DeclaredAttribute(string Name, bool IsFlag, int Column);
