namespace Hcsim.Engine.Districts;

/// <summary>A district risk level: its name (for rules and column names) and the confirmed cases in the window that raise a district to it.</summary>
public sealed record DistrictLevelConfig
{
    public string Name { get; init; } = "";
    /// <summary>Confirmed cases in the trailing window that raise a district to this level (at least).</summary>
    public int MinCases { get; init; }
}
