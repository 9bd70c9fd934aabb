namespace Hcsim.Engine.Rules;

/// <summary>An action key of a rule's <c>do:</c> list (<c>isolate</c>), the engine's kind for it and what it does.</summary>
public sealed record RuleActionEntry(string Key, ActionKind Kind, string Meaning);
