namespace Hcsim.Engine.Simulation;

/// <summary>Progress over a whole scenario: simulated days completed over all runs, and runs completed.</summary>
public readonly record struct ExecutionProgress(long DaysDone, long DaysTotal, int RunsDone, int RunsTotal);
