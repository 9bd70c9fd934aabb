namespace Hcsim.Engine.Metrics;

/// <summary>Pairs each run with the counterfactual run of the same replicate (same seed) and region to fill InfectionsAverted.</summary>
public static class InfectionsAverted
{
    public static IReadOnlyList<RunSummary> Fill(IReadOnlyList<RunSummary> summaries, string? counterfactualVariant)
    {
        if (counterfactualVariant is null)
        {
            return summaries;
        }
        var baseline = new Dictionary<(int, string), int>();
        foreach (var s in summaries)
        {
            if (s.Variant == counterfactualVariant)
            {
                baseline[(s.Replicate, s.Region)] = s.TotalInfections;
            }
        }
        var filled = new List<RunSummary>(summaries.Count);
        foreach (var s in summaries)
        {
            filled.Add(baseline.TryGetValue((s.Replicate, s.Region), out var reference)
                ? s with { InfectionsAverted = reference - s.TotalInfections }
                : s);
        }
        return filled;
    }
}
