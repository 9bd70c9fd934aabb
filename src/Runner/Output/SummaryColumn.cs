using Hcsim.Engine.Metrics;

namespace Hcsim.Runner.Output;

/// <summary>
/// One column of <c>summary.parquet</c>: its snake_case name, CLR type (<see cref="int"/>, <see cref="long"/>,
/// <see cref="double"/> or <see cref="string"/>), whether it may be null (empty cell), its exact definition, and how
/// to read it from a <see cref="RunSummary"/>.
/// </summary>
public sealed record SummaryColumn(string Name, Type ClrType, bool Nullable, string Definition, Func<RunSummary, object?> Value);
