using System.Collections.Immutable;

namespace Hcsim.Engine.Search;

/// <summary>
/// One evaluated candidate policy: its decision values (in the section's order) and each objective's value per replicate
/// ([objective][replicate], NaN when undefined). <see cref="Rank"/>, <see cref="Crowding"/> and <see cref="OnFront"/> are
/// filled by <see cref="SearchAssessment"/> over every candidate of the search.
/// </summary>
public sealed record SearchCandidate
{
    public required int Generation { get; init; }
    /// <summary>Index within the generation.</summary>
    public required int Index { get; init; }
    /// <summary>Unique over the search: generation x population size + index.</summary>
    public required int Id { get; init; }
    public required ImmutableArray<double> Values { get; init; }
    public required ImmutableArray<ImmutableArray<double>> Samples { get; init; }
    /// <summary>Non-domination rank among every candidate of the search (0 = not dominated by any mean), by the objectives' means.</summary>
    public int Rank { get; init; }
    /// <summary>Crowding distance within its rank (infinite at the ends of a rank), as NSGA-II measures spread.</summary>
    public double Crowding { get; init; }
    /// <summary>On the honest front: no other candidate dominates it beyond replicate noise (<see cref="HonestFront"/>).</summary>
    public bool OnFront { get; init; }

    /// <summary>Mean over the replicates of objective <paramref name="objective"/> (NaN when a replicate's value is undefined).</summary>
    public double Mean(int objective) => Samples[objective].Average();

    /// <summary>The objectives' means turned into values to minimise (a maximised mean negated); undefined is the worst (+infinity).</summary>
    public double[] MinimisedBy(IReadOnlyList<SearchObjectiveConfig> objectives)
    {
        var values = new double[objectives.Count];
        for (var k = 0; k < values.Length; k++)
        {
            var mean = Mean(k);
            values[k] = double.IsNaN(mean) ? double.PositiveInfinity : -objectives[k].Sign * mean;
        }
        return values;
    }
}
