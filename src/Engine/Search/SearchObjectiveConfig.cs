using System.Collections.Immutable;

namespace Hcsim.Engine.Search;

/// <summary>One objective: a summary metric (a column of <c>summary.parquet</c>) and whether to maximise or minimise its mean over the replicates.</summary>
public sealed record SearchObjectiveConfig
{
    public const string Maximise = "maximise";
    public const string Minimise = "minimise";
    public static readonly ImmutableArray<string> Directions = [Maximise, Minimise];

    public string Metric { get; init; } = "";
    public string Direction { get; init; } = Maximise;

    /// <summary>+1 when larger is better, -1 when smaller is better.</summary>
    public int Sign => Direction == Minimise ? -1 : 1;
}
