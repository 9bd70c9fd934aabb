namespace Hcsim.Engine.Rules;

/// <summary>A compiled rule condition: a pure function of one person's facts (parameters are baked in as constants).</summary>
public delegate bool RuleCondition(ref PersonFacts facts);
