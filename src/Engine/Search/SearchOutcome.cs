using System.Collections.Immutable;

namespace Hcsim.Engine.Search;

/// <summary>Every generation of a search, why it stopped, and the simulation runs its candidates took.</summary>
public sealed record SearchOutcome(ImmutableArray<SearchGeneration> Generations, string StopReason, int Runs)
{
    /// <summary>Every candidate evaluated, in generation and index order.</summary>
    public IEnumerable<SearchCandidate> Candidates => Generations.SelectMany(g => g.Candidates);
}
