namespace Hcsim.Engine.Search;

/// <summary>A finished generation, for the progress display: candidates evaluated, survivors not dominated by any mean, runs so far.</summary>
public readonly record struct SearchProgress(int Generation, int Candidates, int FirstRank, int RunsSoFar);
