using System.Collections.Immutable;
using System.Text.Json;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Runner.Output;

/// <summary>
/// The part of a scenario that plots and the report depend on besides the Parquet data: names, descriptions, variant
/// order, the counterfactual and the sweep grid. Stored in manifest.json under <c>scenario</c>, so that
/// <c>hcsim plot</c> and <c>hcsim report</c> rebuild a folder from its own files, without the scenario file.
/// </summary>
public sealed record ResultsMetadata
{
    public const string ManifestProperty = "scenario";

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required int Replicates { get; init; }
    public required ulong BaseSeed { get; init; }
    public string? Counterfactual { get; init; }
    /// <summary>The variant the <c>ref_diff_*</c> differences are measured against; null (older folders) means the first variant.</summary>
    public string? Reference { get; init; }
    /// <summary>In scenario order: the baseline, declared variants, sweep points. Colours and order in every plot follow it.</summary>
    public required ImmutableArray<VariantInfo> Variants { get; init; }
    public ImmutableArray<SweepAxis> SweepAxes { get; init; } = [];
    /// <summary>Sweep points that repeat an earlier variant's runs (same effective settings); empty in older folders.</summary>
    public ImmutableArray<IdenticalVariant> IdenticalSweepPoints { get; init; } = [];
    /// <summary>Whether some variant builds a new population per replicate (<c>population.redraw_per_replicate</c>); false in older folders.</summary>
    public bool PopulationRedrawPerReplicate { get; init; }
    /// <summary>The scenario's uncertain inputs in declared order (their draws are in inputs.parquet); empty without an <c>uncertainty</c> section.</summary>
    public ImmutableArray<UncertainInputInfo> UncertainInputs { get; init; } = [];

    public static ResultsMetadata From(Scenario scenario) => new()
    {
        Name = scenario.Name,
        Description = scenario.Description,
        Replicates = scenario.Replicates,
        BaseSeed = scenario.Seed,
        Counterfactual = scenario.Counterfactual,
        Reference = scenario.Reference ?? scenario.Variants[0].Name,
        Variants = [.. scenario.Variants.Select(v => new VariantInfo
        {
            Name = v.Name,
            Description = v.Description,
            Days = v.Model.Days,
            Population = v.Model.Population.Size,
            Sweep = v.Sweep,
        })],
        SweepAxes = scenario.SweepAxes,
        IdenticalSweepPoints = scenario.IdenticalSweepPoints,
        PopulationRedrawPerReplicate = scenario.Variants.Any(v => v.Model.Population.RedrawPerReplicate),
        UncertainInputs = scenario.Uncertainty is { } draws
            ? [.. draws.Inputs.Select(i => new UncertainInputInfo { Name = i.Name, Path = i.Path, Distribution = Hcsim.Engine.Uncertainty.InputDistribution.Describe(i) })]
            : [],
    };

    /// <summary>Reads the <c>scenario</c> object of a results folder's manifest.json.</summary>
    public static ResultsMetadata ReadManifest(string resultsFolder)
    {
        var path = Path.Combine(resultsFolder, ResultsPipeline.ManifestFile);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (!document.RootElement.TryGetProperty(ManifestProperty, out var element))
            {
                throw new OutputReadException($"{path}: has no '{ManifestProperty}' object; the folder was written by an older hcsim, run the scenario again");
            }
            return element.Deserialize<ResultsMetadata>(JsonOptions)
                ?? throw new OutputReadException($"{path}: '{ManifestProperty}' is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputReadException($"{path}: cannot read: {e.Message}; is this a results folder?", e);
        }
        catch (JsonException e)
        {
            throw new OutputReadException($"{path}: is not a valid manifest: {e.Message}", e);
        }
    }

    public ImmutableArray<string> VariantNames => [.. Variants.Select(v => v.Name)];

    /// <summary>The reference variant's name: <see cref="Reference"/>, or the first variant when the folder predates it.</summary>
    public string ReferenceName => Reference ?? Variants[0].Name;
}
