using System.Collections.Immutable;

namespace Hcsim.Engine.Calibration;

/// <summary>Simulates candidates (parameter vectors) and measures them against the targets.</summary>
public interface ICandidateEvaluator
{
    /// <summary>Simulation runs one candidate costs.</summary>
    int RunsPerCandidate { get; }

    /// <summary>
    /// Evaluates candidates <paramref name="firstIndex"/>, <paramref name="firstIndex"/> + 1, ... of a generation, in order.
    /// The result must be a pure function of the values and the indices (not of threads or timing).
    /// </summary>
    Task<IReadOnlyList<CandidateEvaluation>> EvaluateAsync(int generation, int firstIndex, IReadOnlyList<ImmutableArray<double>> values, CancellationToken cancellationToken);
}
