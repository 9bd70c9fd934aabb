namespace Hcsim.Engine.Rules;

/// <summary>A matched rule for one person: apply the rule's actions. <see cref="Depth"/> is the trace depth of the event.</summary>
public readonly record struct ActionRequest(int Agent, int Rule, int Depth);
