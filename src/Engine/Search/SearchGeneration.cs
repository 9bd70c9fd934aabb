using System.Collections.Immutable;

namespace Hcsim.Engine.Search;

/// <summary>
/// One NSGA-II generation: the candidates it evaluated (drawn from the ranges in generation 0, offspring of the previous
/// survivors later) and the ids of its survivors, the population the next generation breeds from.
/// </summary>
public sealed record SearchGeneration
{
    public required int Index { get; init; }
    public required ImmutableArray<SearchCandidate> Candidates { get; init; }
    public required ImmutableArray<int> Survivors { get; init; }
}
