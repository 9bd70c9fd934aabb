namespace Hcsim.Engine.Scenarios;

/// <summary>Where a scenario value was written: a file (or "command line --set") and a 1-based line and column, 0 when unknown.</summary>
internal readonly record struct SourceLocation(string File, int Line, int Column);
