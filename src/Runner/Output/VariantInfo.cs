using System.Collections.Immutable;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Runner.Output;

/// <summary>What the plots and the report need to know about one variant, kept in manifest.json so a folder can be rebuilt.</summary>
public sealed record VariantInfo
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required int Days { get; init; }
    public required int Population { get; init; }
    /// <summary>The variant's grid coordinates when a sweep made it; empty otherwise.</summary>
    public ImmutableArray<SweepSetting> Sweep { get; init; } = [];
}
