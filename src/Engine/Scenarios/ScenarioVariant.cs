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
    /// <summary>
    /// The regions of a multi-region scenario, in declared order, each a whole model; empty for a single-region scenario,
    /// whose one region (<see cref="RegionModel.SingleName"/>) is <see cref="Model"/>. With regions, <see cref="Model"/>
    /// holds the run-wide settings (days, travel) and is not run itself.
    /// </summary>
    public ImmutableArray<RegionModel> Regions { get; init; } = [];

    /// <summary>The models this variant runs: its regions, or the variant's own model as the single region.</summary>
    public ImmutableArray<RegionModel> RegionModels =>
        Regions.IsDefaultOrEmpty ? [new RegionModel { Name = RegionModel.SingleName, Model = Model }] : Regions;
}
