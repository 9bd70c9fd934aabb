namespace Hcsim.Engine.Rules;

/// <summary>The compiled <c>score</c> expression: a number from one person's facts and attributes.</summary>
public delegate double ScoreFunction(ref PersonFacts facts);
