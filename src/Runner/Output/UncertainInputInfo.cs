namespace Hcsim.Runner.Output;

/// <summary>An uncertain input as the report names it: its column name, setting path and distribution in words.</summary>
public sealed record UncertainInputInfo
{
    public required string Name { get; init; }
    public required string Path { get; init; }
    /// <summary>As written in the report: <c>uniform(0.04, 0.12)</c>.</summary>
    public required string Distribution { get; init; }

    /// <summary>The column of inputs.parquet holding the input's drawn values.</summary>
    public string Column => $"input_{Name}";
}
