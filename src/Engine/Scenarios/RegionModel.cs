namespace Hcsim.Engine.Scenarios;

/// <summary>
/// One region of a multi-region variant: its name and its whole model (the file's settings with the region's overrides,
/// then the variant's). A region runs as its own world; see docs/regions.md.
/// </summary>
public sealed record RegionModel
{
    /// <summary>The region of a scenario without <c>regions</c>: every output row of such a run names it.</summary>
    public const string SingleName = "main";

    public required string Name { get; init; }
    public required ModelConfig Model { get; init; }
}
