namespace Hcsim.Engine.Scenarios;

/// <summary>A named, fully resolved set of model settings (the base scenario with one variant's overrides applied).</summary>
public sealed record ScenarioVariant
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required ModelConfig Model { get; init; }
}
