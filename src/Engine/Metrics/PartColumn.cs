namespace Hcsim.Engine.Metrics;

/// <summary>A daily column owned by a part that a scenario switches on: present in daily.parquet only when the part is on.</summary>
public sealed record PartColumn(string Name, string Definition);
