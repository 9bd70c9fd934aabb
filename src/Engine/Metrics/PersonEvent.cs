namespace Hcsim.Engine.Metrics;

/// <summary>
/// One change in one person's disease stage, colour or confinement. <see cref="Cause"/> is <c>initial</c>,
/// <c>infection</c> or <c>progression</c> for stages, and the rule's name for colours and confinement.
/// </summary>
public readonly record struct PersonEvent(int Day, int Person, PersonEventKind Kind, byte From, byte To, string Cause);
