namespace Hcsim.Engine.Scenarios;

/// <summary>The value one sweep variant takes on one axis, as written in the scenario (e.g. path <c>checkin.probability</c>, value <c>0.6</c>).</summary>
public sealed record SweepSetting
{
    public required string Path { get; init; }
    public required string Label { get; init; }
    public required string Value { get; init; }
}
