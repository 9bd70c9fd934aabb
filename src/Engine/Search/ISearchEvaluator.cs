using System.Collections.Immutable;

namespace Hcsim.Engine.Search;

/// <summary>Gives the objective values of candidates (decision values in the section's order): the simulation, or a closed-form test problem.</summary>
public interface ISearchEvaluator
{
    /// <summary>Simulation runs one candidate costs (its replicates).</summary>
    int RunsPerCandidate { get; }

    /// <summary>
    /// Each candidate's objective values, [objective][replicate] (NaN when undefined). Replicate r of every candidate must
    /// use the same random numbers (common random numbers), and the result must be a pure function of the values.
    /// </summary>
    Task<IReadOnlyList<ImmutableArray<ImmutableArray<double>>>> EvaluateAsync(IReadOnlyList<ImmutableArray<double>> values, CancellationToken cancellationToken);
}
