using System.Collections.Immutable;

namespace Hcsim.Runner.Search;

/// <summary>One policy written as a scenario variant: its name, its decision values (in the search section's order) and a description.</summary>
public sealed record PolicyVariant(string Name, ImmutableArray<double> Values, string Description);
