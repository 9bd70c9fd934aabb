using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios;

/// <summary>A named, fully resolved set of model settings (the base scenario with one variant's overrides applied).</summary>
public sealed record ScenarioVariant
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required ModelConfig Model { get; init; }
    /// <summary>For a variant made by the scenario's sweep, its value on each axis (in axis order); empty otherwise.</summary>
    public ImmutableArray<SweepSetting> Sweep { get; init; } = [];
}
