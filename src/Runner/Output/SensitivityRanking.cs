using System.Collections.Immutable;

namespace Hcsim.Runner.Output;

/// <summary>
/// Which uncertain inputs drive each headline metric: the PRCC of every input over the reference variant's replicates
/// (each replicate one draw of the inputs), inputs ranked by the absolute PRCC, largest first.
/// </summary>
public static class SensitivityRanking
{
    /// <summary>The headline metrics ranked (a tornado plot each), in report order.</summary>
    public static ImmutableArray<string> Metrics { get; } =
    [
        "attack_rate",
        "infections_averted",
        "peak_quarantined",
        "never_infected_confined_person_days",
        "false_positive_share",
        "missed_person_days",
    ];

    /// <summary>One input's place in one metric's ranking.</summary>
    public sealed record Entry(string Metric, string Input, double Prcc, double PValue);

    /// <summary>
    /// For each headline metric with a varying value, its inputs ranked by |PRCC| (ties by declared order); empty without
    /// uncertain inputs or with too few replicates (more than the inputs + 1 are needed).
    /// </summary>
    public static ImmutableArray<(string Metric, ImmutableArray<Entry> Ranking)> Compute(ResultsData data)
    {
        if (data.Inputs is not { } inputs || inputs.Columns.IsEmpty)
        {
            return [];
        }
        var names = data.Metadata.UncertainInputs.Select(i => i.Name).ToArray();
        var rows = data.Summary.Where(s => s.Variant == data.Metadata.ReferenceName).OrderBy(s => s.Replicate).ToList();
        var result = ImmutableArray.CreateBuilder<(string, ImmutableArray<Entry>)>();
        foreach (var metric in Metrics)
        {
            var usable = rows.Where(s => s[metric] is { } v && double.IsFinite(v) && s.Replicate < inputs.Values.Count).ToList();
            var coefficients = PartialRankCorrelation.Compute([.. usable.Select(s => inputs.Values[s.Replicate])], [.. usable.Select(s => s[metric]!.Value)]);
            if (coefficients.Length == 0 || coefficients.All(c => double.IsNaN(c.Prcc)))
            {
                continue;
            }
            var ranking = coefficients.Select((c, k) => new Entry(metric, names[k], c.Prcc, c.PValue))
                .Select((e, k) => (e, k))
                .OrderByDescending(p => double.IsNaN(p.e.Prcc) ? -1 : Math.Abs(p.e.Prcc)).ThenBy(p => p.k)
                .Select(p => p.e).ToImmutableArray();
            result.Add((metric, ranking));
        }
        return result.ToImmutable();
    }
}
