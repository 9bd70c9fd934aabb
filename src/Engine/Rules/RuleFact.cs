namespace Hcsim.Engine.Rules;

/// <summary>A name a rule condition may use, the <see cref="PersonFacts"/> field behind it, its type and meaning.</summary>
public sealed record RuleFact(string Name, string Field, Type Type, string Meaning);
