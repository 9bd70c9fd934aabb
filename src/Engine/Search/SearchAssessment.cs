using System.Collections.Immutable;

namespace Hcsim.Engine.Search;

/// <summary>
/// Ranks every candidate of a search together (non-domination rank and crowding distance of the objectives' means, as
/// NSGA-II does) and marks the honest front (<see cref="HonestFront"/>): what <c>search.parquet</c>, the report and
/// <c>front.yaml</c> show.
/// </summary>
public static class SearchAssessment
{
    public static ImmutableArray<SearchCandidate> Assess(IEnumerable<SearchCandidate> candidates, IReadOnlyList<SearchObjectiveConfig> objectives)
    {
        var all = candidates.ToArray();
        var minimised = all.Select(c => c.MinimisedBy(objectives)).ToArray();
        var ranks = Nsga2.Ranks(minimised);
        var crowding = Nsga2.Crowding(minimised, ranks);
        var front = HonestFront.Find(all, objectives);
        return [.. all.Select((c, i) => c with { Rank = ranks[i], Crowding = crowding[i], OnFront = front[i] })];
    }
}
