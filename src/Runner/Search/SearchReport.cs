using System.Globalization;
using System.Text;
using Hcsim.Engine.Search;

namespace Hcsim.Runner.Search;

/// <summary>
/// <c>search.md</c>: the method and its constants, how many candidates were evaluated with how many replicates, the honest
/// front as a table (decision values, each objective's mean and 95 % interval, the variant name in front.yaml), the
/// candidates not dominated by any mean (marking those on the honest front), and one line per generation.
/// </summary>
public static class SearchReport
{
    public const string FileName = "search.md";

    public static string Render(string scenarioName, SearchConfig config, SearchOutcome outcome, IReadOnlyList<SearchCandidate> assessed,
        int counterfactualRuns, double wallSeconds, int threads)
    {
        var text = new StringBuilder();
        var front = Ordered(assessed.Where(c => c.OnFront));
        text.AppendLine(Invariant($"# Policy search of {scenarioName}"));
        text.AppendLine();
        text.AppendLine(Invariant($"{assessed.Count} candidate policies evaluated with {config.Replicates} replicate(s) each ({outcome.Runs} runs{(counterfactualRuns > 0 ? $", plus {counterfactualRuns} counterfactual runs" : "")}) over {outcome.Generations.Length} generation(s) of {config.PopulationSize}, in {wallSeconds:F0} s on {threads} thread(s). Stopped: {outcome.StopReason}."));
        text.AppendLine();
        text.AppendLine("Objectives: " + string.Join(", ", config.Objectives.Select(o => $"{o.Direction} `{o.Metric}`")) + " (means over the replicates).");
        text.AppendLine();
        text.AppendLine(Invariant($"Method: NSGA-II (Deb et al. 2002): generation 0 draws its candidates uniformly from the ranges; each later generation breeds {config.PopulationSize} children from the survivors by binary tournament (rank, then crowding distance), simulated binary crossover (probability {Nsga2.CrossoverProbability}, per variable {Nsga2.VariableCrossoverProbability}, eta_c {Nsga2.CrossoverIndex}) and polynomial mutation (per variable 1 / {config.Variables.Length}, eta_m {Nsga2.MutationIndex}) for ranges, a uniform pick for value sets, and keeps the best {config.PopulationSize} of survivors and children by non-domination rank and crowding distance. Replicate r of every candidate uses the same seed (common random numbers)."));
        text.AppendLine();
        text.AppendLine("Honest front: a candidate is on it unless another candidate dominates it beyond replicate noise: the paired 95 % t interval of their difference (replicate by replicate) lies on the better side of 0 for at least one objective and on the worse side for none (with one replicate, the plain difference). So candidates that differ only by noise all stay on the front.");
        text.AppendLine();
        text.AppendLine(Invariant($"## Front ({front.Count} of {assessed.Count} candidates)"));
        text.AppendLine();
        text.AppendLine("| variant in front.yaml | generation | " + string.Join(" | ", config.Variables.Select(v => $"`{v.Path}`")) + " | "
            + string.Join(" | ", config.Objectives.Select(o => $"{o.Metric} ({o.Direction}) mean [95 %]")) + " |");
        text.AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---|", config.Variables.Length + config.Objectives.Length)));
        foreach (var c in front)
        {
            var objectives = Enumerable.Range(0, config.Objectives.Length).Select(k => SearchParquetWriter.Interval(c, k)).Select(i =>
                i.Mean is not { } mean ? "undefined" : i.Low is { } low && i.High is { } high ? $"{Format(mean)} [{Format(low)}, {Format(high)}]" : Format(mean));
            text.AppendLine(Invariant($"| {FrontScenario.VariantName(c)} | {c.Generation} | {string.Join(" | ", c.Values.Select(Format))} | {string.Join(" | ", objectives)} |"));
        }
        var byMeans = Ordered(assessed.Where(c => c.Rank == 0));
        text.AppendLine();
        text.AppendLine(Invariant($"## Not dominated by any mean ({byMeans.Count} candidates; {byMeans.Count(c => c.OnFront)} of them on the honest front)"));
        text.AppendLine();
        text.AppendLine("The front the means alone would give. A candidate here but off the honest front is dominated beyond noise by another: its advantage did not hold in the paired comparison (more replicates narrow the intervals).");
        text.AppendLine();
        text.AppendLine("| candidate | honest front | " + string.Join(" | ", config.Variables.Select(v => $"`{v.Path}`")) + " | " + string.Join(" | ", config.Objectives.Select(o => $"{o.Metric} mean")) + " |");
        text.AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---|", config.Variables.Length + config.Objectives.Length)));
        foreach (var c in byMeans)
        {
            text.AppendLine(Invariant($"| {c.Id} | {(c.OnFront ? "yes" : "no")} | {string.Join(" | ", c.Values.Select(Format))} | {string.Join(" | ", Enumerable.Range(0, config.Objectives.Length).Select(k => Format(c.Mean(k))))} |"));
        }
        text.AppendLine();
        text.AppendLine("## Generations");
        text.AppendLine();
        text.AppendLine("| generation | candidates | survivors not dominated by any mean |");
        text.AppendLine("|---|---|---|");
        var archive = assessed.ToDictionary(c => c.Id);
        foreach (var g in outcome.Generations)
        {
            var survivors = g.Survivors.Select(id => archive[id].MinimisedBy(config.Objectives)).ToArray();
            text.AppendLine(Invariant($"| {g.Index} | {g.Candidates.Length} | {Nsga2.Ranks(survivors).Count(r => r == 0)} |"));
        }
        text.AppendLine();
        text.AppendLine("Files: search.parquet (every candidate), front.yaml (the front's policies as variants: `hcsim run front.yaml`), plots/search-front-*.png (objective pairs, 95 % intervals as whiskers) and plots/search-values-*.png (decision values along the front), each with an SVG twin.");
        return text.ToString();
    }

    /// <summary>Front candidates in the order they are listed: by the first objective's mean, then id.</summary>
    public static List<SearchCandidate> Ordered(IEnumerable<SearchCandidate> front) => [.. front.OrderBy(c => c.Mean(0)).ThenBy(c => c.Id)];

    public static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
