namespace Hcsim.Engine.Metrics;

/// <summary>One column of the daily table: its snake_case name, its exact definition, and one value per day.</summary>
public sealed record DailyColumn(string Name, string Definition, int[] Values);
