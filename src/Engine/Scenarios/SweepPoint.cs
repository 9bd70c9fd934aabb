using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace Hcsim.Engine.Scenarios;

/// <summary>One point of a sweep grid before binding: its variant name, its overrides as a variant's <c>set:</c> mapping, and its coordinates.</summary>
internal sealed record SweepPoint
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required YamlMappingNode Set { get; init; }
    public required ImmutableArray<SweepSetting> Settings { get; init; }
}
