namespace Hcsim.Engine.Scenarios;

/// <summary>A day with a fixed number of imported infections (on top of the daily rate).</summary>
public sealed record ImportationDayConfig
{
    /// <summary>Simulation day (0-based).</summary>
    public int Day { get; init; }
    /// <summary>Infections arriving that day.</summary>
    public int Count { get; init; }
}
