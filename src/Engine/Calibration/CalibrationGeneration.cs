using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Hcsim.Engine.Calibration;

/// <summary>
/// One ABC-SMC generation: its tolerance (infinite for the first, which samples the priors), every candidate it
/// evaluated, and whether its population was filled (<see cref="Complete"/>); the posterior is the last complete one.
/// </summary>
public sealed record CalibrationGeneration
{
    public required int Index { get; init; }
    public required double Tolerance { get; init; }
    public required ImmutableArray<CalibrationCandidate> Candidates { get; init; }
    public required bool Complete { get; init; }

    /// <summary>The accepted candidates, in index order.</summary>
    [JsonIgnore]
    public IEnumerable<CalibrationCandidate> Population => Candidates.Where(c => c.Accepted);

    /// <summary>Effective sample size of the population: 1 / sum of squared normalised weights.</summary>
    [JsonIgnore]
    public double EffectiveSampleSize
    {
        get
        {
            var squares = Population.Sum(c => c.Weight * c.Weight);
            return squares > 0 ? 1 / squares : 0;
        }
    }
}
