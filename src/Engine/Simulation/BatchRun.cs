using System.Collections.Immutable;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Simulation;

/// <summary>One candidate of a batch: a model and the seeds of its replicates (one run each).</summary>
public sealed record BatchRun(ModelConfig Model, ImmutableArray<ulong> Seeds);
