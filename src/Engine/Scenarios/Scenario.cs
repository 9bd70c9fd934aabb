using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// A validated scenario: the variants to compare, run <see cref="Replicates"/> times each. Replicate r uses the same seed
/// in every variant (common random numbers), so variant differences are paired.
/// </summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public ulong Seed { get; init; } = ScenarioDefaults.Seed;
    public int Replicates { get; init; } = ScenarioDefaults.Replicates;
    /// <summary>The variant without codes that infections averted are measured against; null when there is none.</summary>
    public string? Counterfactual { get; init; }
    /// <summary>
    /// The variant every other variant's paired difference is measured against (besides the counterfactual); null means
    /// the first variant, the baseline.
    /// </summary>
    public string? Reference { get; init; }
    public required ImmutableArray<ScenarioVariant> Variants { get; init; }
    /// <summary>
    /// The axes of the sweep grid in declared order, empty without a sweep. Grid points are variants (after the
    /// declared ones) whose <see cref="ScenarioVariant.Sweep"/> holds their coordinates.
    /// </summary>
    public ImmutableArray<SweepAxis> SweepAxes { get; init; } = [];
    /// <summary>
    /// Sweep points whose effective settings equal an earlier variant's (see <see cref="EffectiveSettings"/>): their
    /// runs repeat that variant's replicate by replicate. Reported, so a sweep over a switch is read correctly.
    /// </summary>
    public ImmutableArray<IdenticalVariant> IdenticalSweepPoints { get; init; } = [];
    /// <summary>The values each replicate draws for the <c>uncertainty</c> section's inputs; null without one.</summary>
    public Uncertainty.InputDraws? Uncertainty { get; init; }

    /// <summary>The model run <paramref name="variant"/> x <paramref name="replicate"/> simulates: the variant's, with that replicate's drawn inputs.</summary>
    public ModelConfig ModelOf(int variant, int replicate) =>
        Uncertainty is { } draws ? draws.Apply(Variants[variant].Model, replicate) : Variants[variant].Model;
    /// <summary>The <c>calibration</c> section (validated against the base scenario), or null when the file has none.</summary>
    public Calibration.CalibrationConfig? Calibration { get; init; }
    /// <summary>The <c>search</c> section (validated against the base scenario), or null when the file has none.</summary>
    public Search.SearchConfig? Search { get; init; }
}
