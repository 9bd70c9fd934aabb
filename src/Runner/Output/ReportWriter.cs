using System.Globalization;
using System.Text;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Runner.Output;

/// <summary>Writes <c>report.md</c>: what was run, the summary metrics per variant with 95 % intervals, and the plots.</summary>
public static class ReportWriter
{
    /// <summary>Summary columns that identify or size a run rather than measure it, left out of the metric tables.</summary>
    private static readonly string[] KeyColumns = ["variant", "replicate", "seed", "population", "days"];

    /// <param name="plots">Relative plot paths with a one-line caption each, in display order.</param>
    public static string Render(Scenario scenario, IReadOnlyList<RunSummary> summaries, IReadOnlyList<(string Path, string Caption)> plots)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# {scenario.Name}\n\n");
        if (scenario.Description.Length > 0)
        {
            md.Append(scenario.Description.Trim()).Append("\n\n");
        }
        var model = scenario.Variants[0].Model;
        md.Append(CultureInfo.InvariantCulture,
            $"{scenario.Variants.Length} variant(s) x {scenario.Replicates} replicate(s), {model.Days} days, {model.Population.Size:N0} people (first variant), base seed {scenario.Seed}.");
        if (scenario.Counterfactual is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $" Infections averted are measured against variant `{scenario.Counterfactual}`, replicate by replicate.");
        }
        md.Append("\n\nEach table gives the mean over replicates and its 95 % t interval (mean ± t(0.975, n-1) * sd / sqrt(n)); ")
          .Append("\"n/a\" means one replicate or no defined value. Column definitions are in the README.\n\n");

        foreach (var variant in scenario.Variants)
        {
            var runs = summaries.Where(s => s.Variant == variant.Name).ToList();
            md.Append(CultureInfo.InvariantCulture, $"## Variant `{variant.Name}`\n\n");
            if (variant.Description.Length > 0)
            {
                md.Append(variant.Description.Trim()).Append("\n\n");
            }
            md.Append("| metric | mean | 95 % interval | n |\n|---|---:|---:|---:|\n");
            foreach (var column in ParquetSchemas.SummaryColumns)
            {
                if (column.ClrType == typeof(string) || KeyColumns.Contains(column.Name))
                {
                    continue;
                }
                var values = new List<double>();
                foreach (var run in runs)
                {
                    if (column.Value(run) is { } value)
                    {
                        values.Add(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    }
                }
                var estimate = MeanInterval.Compute(values);
                var mean = estimate is { } e ? Format(e.Mean) : "n/a";
                var interval = estimate is { HasInterval: true } i ? $"{Format(i.Lower)} to {Format(i.Upper)}" : "n/a";
                md.Append(CultureInfo.InvariantCulture, $"| {column.Name} | {mean} | {interval} | {values.Count} |\n");
            }
            md.Append('\n');
        }

        if (plots.Count > 0)
        {
            md.Append("## Plots\n\n");
            foreach (var (path, caption) in plots)
            {
                md.Append(CultureInfo.InvariantCulture, $"![{caption}]({path})\n\n*{caption}*\n\n");
            }
        }
        return md.ToString();
    }

    /// <summary>Four significant digits are plenty for replicate means; large counts keep their integer part.</summary>
    private static string Format(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("G4", CultureInfo.InvariantCulture);
}
