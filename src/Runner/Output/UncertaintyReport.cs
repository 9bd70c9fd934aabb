using System.Globalization;
using System.Text;
using Hcsim.Runner.Plots;

namespace Hcsim.Runner.Output;

/// <summary>The report's section on input uncertainty: the inputs and their distributions, and the PRCC ranking per headline metric.</summary>
public static class UncertaintyReport
{
    /// <summary>A sentence for the summary table when inputs are drawn; empty otherwise.</summary>
    public static string IntervalNote(ResultsData data) => data.Metadata.UncertainInputs.IsDefaultOrEmpty ? ""
        : "Each replicate draws its own values of the uncertain inputs (see *Input uncertainty*), so these intervals include input uncertainty as well as the epidemic's chance. ";

    public static string Section(ResultsData data)
    {
        var inputs = data.Metadata.UncertainInputs;
        if (inputs.IsDefaultOrEmpty)
        {
            return "";
        }
        var md = new StringBuilder("\n## Input uncertainty\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Each of the {data.Metadata.Replicates} replicates draws every input below by Latin hypercube sampling (one draw in each of {data.Metadata.Replicates} equal-probability strata per input, seeded by the base seed); ")
          .Append("every variant of a replicate uses the same draw, so variants stay paired. The intervals of this report therefore include input uncertainty. ")
          .Append("The drawn values are in `inputs.parquet` (one row per replicate, a column `input_NAME` per input).\n\n");
        md.Append("| input | setting | distribution |\n|---|---|---|\n");
        foreach (var input in inputs)
        {
            md.Append(CultureInfo.InvariantCulture, $"| `{input.Name}` | `{input.Path}` | {input.Distribution} |\n");
        }
        var rankings = SensitivityRanking.Compute(data);
        md.Append(CultureInfo.InvariantCulture, $"\n### Sensitivity (PRCC)\n\nPartial rank correlation coefficients over the replicates of the reference variant `{data.Metadata.ReferenceName}` ")
          .Append("(README, *Input uncertainty and sensitivity*): near +1 or -1, the input drives the metric up or down once the other inputs are accounted for; near 0, it does not. ")
          .Append("p-values in brackets; the tornado plots show the same ranking.\n\n");
        if (rankings.IsEmpty)
        {
            md.Append(CultureInfo.InvariantCulture, $"No ranking: it needs more replicates than inputs + 1 ({inputs.Length + 1}) and metrics that vary between replicates.\n");
            return md.ToString();
        }
        md.Append("| input | ").Append(string.Join(" | ", rankings.Select(r => r.Metric))).Append(" |\n|---|")
          .Append(string.Concat(rankings.Select(_ => "---:|"))).Append('\n');
        foreach (var input in inputs)
        {
            md.Append(CultureInfo.InvariantCulture, $"| `{input.Name}` |");
            foreach (var (_, ranking) in rankings)
            {
                var entry = ranking.First(e => e.Input == input.Name);
                md.Append(' ').Append(double.IsNaN(entry.Prcc) ? "n/a"
                    : string.Create(CultureInfo.InvariantCulture, $"{entry.Prcc:+0.00;-0.00;0.00} (p {FormatP(entry.PValue)})")).Append(" |");
            }
            md.Append('\n');
        }
        md.Append("\nMost influential input per metric: ")
          .Append(string.Join("; ", rankings.Select(r => $"`{r.Metric}`: `{r.Ranking[0].Input}`"))).Append(".\n");
        md.Append("Tornado plots: ").Append(string.Join(", ", rankings.Select(r => $"`{TornadoPlot.FileOf(r.Metric)}`"))).Append(".\n");
        return md.ToString();
    }

    private static string FormatP(double p) => p < 0.001 ? "< 0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);
}
