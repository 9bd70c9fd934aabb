using System.Collections.Immutable;

namespace Hcsim.Engine.Calibration;

/// <summary>What simulating one candidate gave: each target's simulated values and distance, and their total.</summary>
public sealed record CandidateEvaluation(ImmutableArray<ImmutableArray<double?>> Simulated, ImmutableArray<double> Distances, double Distance);
