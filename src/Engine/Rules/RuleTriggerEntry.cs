namespace Hcsim.Engine.Rules;

/// <summary>A trigger as rules name it (<c>on: traced</c>), the engine's value for it and which people it concerns.</summary>
public sealed record RuleTriggerEntry(string Name, RuleTrigger Trigger, string Meaning);
