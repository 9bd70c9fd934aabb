using System.Globalization;
using System.Text;
using Hcsim.Runner.Plots;

namespace Hcsim.Runner.Output;

/// <summary>
/// Writes <c>report.md</c>, a page that stands on its own: what was run, the variants compared, a compact table of the
/// key metrics with 95 % intervals, the trade-off chart, the data collected (a table and its chart), the other plots
/// with one line each, and the full statistics per variant. A pure function of <see cref="ResultsData"/>, so <c>hcsim report</c> rewrites the same text.
/// </summary>
public static class ReportWriter
{
    /// <summary>The compact table's columns: what a policy comparison is usually about.</summary>
    private static readonly (string Metric, string Header)[] KeyMetrics =
    [
        ("attack_rate", "attack rate"),
        ("infections_averted", "infections averted"),
        ("peak_quarantined", "peak quarantined"),
        ("never_infected_confined_person_days", "never-infected confinement person-days"),
        ("recovered_confined_person_days", "recovered confinement person-days"),
        ("false_positive_share", "false-positive share"),
        ("missed_person_days", "missed person-days"),
    ];

    /// <summary>The data-collected table's columns, in order.</summary>
    private static readonly string[] DataCollectedMetrics =
        ["records_checkins", "records_tests", "records_scans", "records_contacts_consulted", "records_scans_consulted", "data_records", "people_looked_up"];

    /// <summary>Share metrics: shown as percentages and cut to [0, 1].</summary>
    private static readonly string[] Shares = ["attack_rate", "false_positive_share", "confirmation_ppv"];

    /// <summary>0/1 flags per run: their mean is the share of replicates where the flag is set.</summary>
    private static readonly string[] Flags = ["confinement_rising_at_end", "epidemic_rising_at_end"];

    /// <summary>The summary metrics compared region by region in a multi-region report (those present in the file).</summary>
    private static readonly string[] RegionMetrics =
    [
        "total_infections", "travel_imported_infections_total", "infections_by_travellers_total", "trips_total", "travellers_refused_total",
        "arrivals_quarantined_total", "arrivals_quarantined_uninfected_total", "traveller_quarantine_person_days", "quarantine_person_days",
        "border_records_total", "people_seen_abroad_total",
    ];

    /// <summary>
    /// A multi-region scenario: per region, each variant's means over replicates of the travel, border and data
    /// metrics, so border policies read side by side; empty for a single-region scenario.
    /// </summary>
    private static string RegionsSection(ResultsData data)
    {
        var regions = data.Summary.Select(r => r.Region).Distinct(StringComparer.Ordinal).ToList();
        if (regions.Count < 2)
        {
            return "";
        }
        var metrics = RegionMetrics.Where(m => data.Statistics.Any(s => s.Metric == m)).ToList();
        var md = new StringBuilder("\n## Regions and borders\n\n");
        md.Append("Each region's summary metrics, mean over replicates, by variant (README, *Regions and travel*). ")
          .Append("Arrivals count visitors and residents coming home; borders apply to visitors; records and people seen are the data that crossed a border.\n");
        foreach (var region in regions)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n### Region `{region}`\n\n| variant | ").Append(string.Join(" | ", metrics)).Append(" |\n|---|")
              .Append(string.Concat(Enumerable.Repeat("---:|", metrics.Count))).Append('\n');
            foreach (var variant in data.Metadata.VariantNames)
            {
                md.Append(CultureInfo.InvariantCulture, $"| `{variant}` |");
                foreach (var metric in metrics)
                {
                    var mean = data.Statistics.FirstOrDefault(s => s.Variant == variant && s.Region == region && s.Metric == metric)?.Mean;
                    md.Append(' ').Append(mean is { } m ? m.ToString("N0", CultureInfo.InvariantCulture) : "n/a").Append(" |");
                }
                md.Append('\n');
            }
        }
        return md.ToString();
    }

    /// <summary>
    /// The optional parts' columns per variant (tests, tubes and cost; beds, tracers, importations), when daily.parquet
    /// has any: each run's total over its days (the peak for a peak column), mean over replicates; empty otherwise.
    /// </summary>
    private static string PartsSection(ResultsData data)
    {
        var columns = data.Daily.Count == 0 ? [] : data.Daily[0].PartColumns;
        if (columns.IsDefaultOrEmpty)
        {
            return "";
        }
        var hasWait = columns.Contains("samples") && columns.Contains("sample_wait_days");
        var md = new StringBuilder("\n## Tests and capacity\n\n");
        md.Append("Columns of the scenario's optional parts (README, *Outputs*), per run: the total over the days, or the peak ")
          .Append("for ").Append(string.Join(", ", DailySeriesReader.PeakColumns.Select(c => $"`{c}`"))).Append("; mean over replicates.");
        if (hasWait)
        {
            md.Append(" Mean wait: sample_wait_days / samples.");
        }
        md.Append("\n\n| variant | ").Append(string.Join(" | ", columns.Select(c => DailySeriesReader.PeakColumns.Contains(c) ? $"{c} (peak)" : c)));
        if (hasWait)
        {
            md.Append(" | mean wait (days)");
        }
        md.Append(" |\n|---|").Append(string.Concat(Enumerable.Repeat("---:|", columns.Length + (hasWait ? 1 : 0)))).Append('\n');
        foreach (var series in data.Daily)
        {
            md.Append(CultureInfo.InvariantCulture, $"| `{series.Variant}` |");
            foreach (var column in columns)
            {
                var value = series.PartTotals.GetValueOrDefault(column, double.NaN);
                md.Append(' ').Append(double.IsNaN(value) ? "n/a" : value.ToString("N0", CultureInfo.InvariantCulture)).Append(" |");
            }
            if (hasWait)
            {
                var samples = series.PartTotals.GetValueOrDefault("samples");
                var wait = samples > 0 ? (series.PartTotals.GetValueOrDefault("sample_wait_days") / samples).ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
                md.Append(' ').Append(wait).Append(" |");
            }
            md.Append('\n');
        }
        return md.ToString();
    }

    public static string Render(ResultsData data, IReadOnlyList<PlotFile> plots)
    {
        var meta = data.Metadata;
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# {meta.Name}\n\n");
        if (meta.Description.Length > 0)
        {
            md.Append(meta.Description.Trim()).Append("\n\n");
        }
        var first = meta.Variants[0];
        md.Append(CultureInfo.InvariantCulture,
            $"{meta.Variants.Length} variant(s) x {meta.Replicates} replicate(s) of {first.Days} days with {first.Population:N0} people (the first variant; others may differ), base seed {meta.BaseSeed}. ");
        md.Append("Replicate r uses the same seed in every variant, so variants are compared replicate by replicate.");
        md.Append(meta.PopulationRedrawPerReplicate
            ? " Each replicate builds its own synthetic population (`population.redraw_per_replicate`), shared by its variants, so intervals include the population's randomness."
            : " All replicates share one synthetic population (built from the base seed), so intervals do not include the population's randomness.");
        if (meta.Counterfactual is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $" Infections averted and differences are measured against variant `{meta.Counterfactual}`.");
        }
        md.Append(CultureInfo.InvariantCulture, $" The reference for paired differences between policies is variant `{meta.ReferenceName}`.");
        if (meta.SweepAxes.Length > 0)
        {
            md.Append(CultureInfo.InvariantCulture,
                $" The scenario sweeps {string.Join(" x ", meta.SweepAxes.Select(a => $"`{a.Path}` ({string.Join(", ", a.Values)})"))}, applied to the base scenario.");
        }
        md.Append("\n\n## Variants\n\n| variant | what it changes |\n|---|---|\n");
        for (var i = 0; i < meta.Variants.Length; i++)
        {
            var variant = meta.Variants[i];
            // The baseline's description is the scenario's own; repeating it says nothing.
            var description = i == 0 && (variant.Description.Trim() == meta.Description.Trim() || variant.Description.Length == 0)
                ? "the base scenario as described above"
                : variant.Description.Trim();
            md.Append(CultureInfo.InvariantCulture, $"| `{variant.Name}` | {Cell(description)} |\n");
        }

        if (meta.IdenticalSweepPoints.Length > 0)
        {
            md.Append("\nSweep points with the same effective settings as an earlier variant (switched-off rules and parameters no rule then reads set aside): ")
              .Append("their runs would repeat that variant's replicate by replicate, so they are not simulated again: each replicate's ")
              .Append("results are copied from that variant's run, and their numbers are the same.\n\n");
            foreach (var identical in meta.IdenticalSweepPoints)
            {
                md.Append(CultureInfo.InvariantCulture, $"- `{identical.Variant}` is identical to `{identical.SameAs}`: runs reused from `{identical.SameAs}`\n");
            }
        }

        md.Append("\n## Summary\n\nMean over replicates [95 % t interval]. ")
          .Append("Infections averted are the counterfactual's infections minus the variant's, same replicate; ")
          .Append("never-infected confinement person-days count people confined while never infected (the false positives' cost); ")
          .Append("recovered confinement person-days count people still confined after their infection is over (a cost, but not a false detection); ")
          .Append("the false-positive share is never-infected flagged person-days over flagged person-days; ")
          .Append("missed person-days count infectious people not confined, whatever their colour. ")
          .Append(UncertaintyReport.IntervalNote(data))
          .Append("Column definitions: README; per-variant statistics: `variants.parquet` (docs/outputs-variants.md).\n\n");
        md.Append("| variant | ").Append(string.Join(" | ", KeyMetrics.Select(k => k.Header))).Append(" |\n|---|")
          .Append(string.Concat(KeyMetrics.Select(_ => "---:|"))).Append('\n');
        foreach (var variant in meta.Variants)
        {
            md.Append(CultureInfo.InvariantCulture, $"| `{variant.Name}` |");
            foreach (var (metric, _) in KeyMetrics)
            {
                md.Append(' ').Append(MeanWithInterval(VariantStatistics.Find(data.Statistics, variant.Name, metric), metric)).Append(" |");
            }
            md.Append('\n');
        }

        md.Append(PartsSection(data));
        md.Append(RegionsSection(data));
        md.Append(ReferenceSection(data));
        md.Append(UncertaintyReport.Section(data));

        string[] ownSections = [ResultPlots.TradeOffFile, ResultPlots.DataCollectedFile];
        foreach (var plot in plots)
        {
            var heading = plot.Path == ResultPlots.TradeOffFile ? "## Trade-off"
                : plot.Path == ResultPlots.DataCollectedFile ? "## Data collected"
                : plot == plots.FirstOrDefault(p => !ownSections.Contains(p.Path)) ? "## Plots" : null;
            if (heading is not null)
            {
                md.Append('\n').Append(heading).Append('\n');
            }
            if (plot.Path == ResultPlots.DataCollectedFile)
            {
                md.Append('\n').Append(DataCollectedTable(data));
            }
            md.Append(CultureInfo.InvariantCulture, $"\n![{plot.Path}]({plot.Path})\n\n{plot.Caption}\n");
            if (plot.Path == ResultPlots.TradeOffFile)
            {
                md.Append('\n').Append(RecoveredLine(data)).Append('\n');
            }
        }

        md.Append("\n## Horizon\n\n").Append(HorizonText(data));

        md.Append("\n## All metrics per variant\n\n")
          .Append("sd is the standard deviation over replicates; the differences are variant minus counterfactual and variant minus reference, paired by replicate, each with its own 95 % interval; ")
          .Append("\"n/a\" means undefined (one replicate, or no value).\n");
        foreach (var variant in meta.Variants)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n### `{variant.Name}`\n\n");
            md.Append("| metric | n | mean | sd | 95 % interval | difference vs. counterfactual [95 %] | difference vs. reference [95 %] |\n|---|---:|---:|---:|---:|---:|---:|\n");
            foreach (var metric in ParquetSchemas.MetricNames(data.Summary))
            {
                var s = VariantStatistics.Find(data.Statistics, variant.Name, metric);
                var interval = s.Low is { } low && s.High is { } high
                    ? $"[{Format(Clip(metric, low))}, {Format(Clip(metric, high))}]"
                    : "n/a";
                var difference = Difference(s.DiffMean, s.DiffLow, s.DiffHigh, Signed);
                var referenceDifference = Difference(s.RefDiffMean, s.RefDiffLow, s.RefDiffHigh, Signed);
                md.Append(CultureInfo.InvariantCulture,
                    $"| {metric} | {s.N} | {Opt(s.Mean)} | {Opt(s.Sd)} | {interval} | {difference} | {referenceDifference} |\n");
            }
        }
        return md.ToString();
    }

    /// <summary>The records each variant's policy gathered or read (means over replicates), the surveillance cost.</summary>
    private static string DataCollectedTable(ResultsData data)
    {
        var text = new StringBuilder();
        text.Append("Records the policy gathered or read about people (means over replicates): check-ins, test samples, venue scans, ")
            .Append("contact records consulted by tracing, scans consulted by co-location flagging, their sum, and the distinct people whose contacts or visits were consulted.\n\n")
            .Append("| variant | check-ins | test samples | venue scans | contacts consulted | scans consulted | data records | people looked up |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var variant in data.Metadata.Variants)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{variant.Name}` |");
            foreach (var metric in DataCollectedMetrics)
            {
                text.Append(' ').Append(Opt(VariantStatistics.Find(data.Statistics, variant.Name, metric).Mean)).Append(" |");
            }
            text.Append('\n');
        }
        text.Append(RegimeTable(data));
        return text.ToString();
    }

    /// <summary>The data-regime columns, when the scenario has a <c>data</c> section: records held centrally and on phones per variant.</summary>
    private static string RegimeTable(ResultsData data)
    {
        string[] metrics = ["data_records_central", "data_records_device", "records_uploaded_total", "people_looked_up_central", "people_looked_up_device"];
        if (!data.Statistics.Any(s => s.Metric == metrics[0]))
        {
            return "";
        }
        var text = new StringBuilder();
        text.Append("\nWhere the records are held (the scenario's `data` section; means over replicates). The variants share their seeds, so they compare ")
            .Append("the regimes on the same outbreak: central records are the authority's (its kinds, test samples and what phones uploaded), device records stayed on phones.\n\n")
            .Append("| variant | central records | device records | uploaded | people looked up centrally | people matched on phones |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var variant in data.Metadata.Variants)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{variant.Name}` |");
            foreach (var metric in metrics)
            {
                text.Append(' ').Append(Opt(VariantStatistics.Find(data.Statistics, variant.Name, metric).Mean)).Append(" |");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// The key metrics of each variant minus the reference's, replicate by replicate, with the paired 95 % t interval
    /// (shares in percentage points). Empty with a single variant.
    /// </summary>
    private static string ReferenceSection(ResultsData data)
    {
        var meta = data.Metadata;
        var others = meta.Variants.Where(v => v.Name != meta.ReferenceName).ToList();
        if (others.Count == 0)
        {
            return "";
        }
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"\n## Paired differences from the reference `{meta.ReferenceName}`\n\n")
            .Append("Each variant minus the reference, replicate r against replicate r (same seed), mean [95 % paired t interval]; ")
            .Append("shares in percentage points. An interval that excludes 0 means the difference is larger than the simulation noise. ")
            .Append("Columns `ref_diff_*` of `variants.parquet`.\n\n");
        text.Append("| variant | ").Append(string.Join(" | ", KeyMetrics.Select(k => k.Header))).Append(" |\n|---|")
            .Append(string.Concat(KeyMetrics.Select(_ => "---:|"))).Append('\n');
        foreach (var variant in others)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{variant.Name}` |");
            foreach (var (metric, _) in KeyMetrics)
            {
                var s = VariantStatistics.Find(data.Statistics, variant.Name, metric);
                Func<double, string> format = Shares.Contains(metric)
                    ? v => (v > 0 ? "+" : "") + (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + " pp"
                    : Signed;
                text.Append(' ').Append(Difference(s.RefDiffMean, s.RefDiffLow, s.RefDiffHigh, format)).Append(" |");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Difference(double? mean, double? low, double? high, Func<double, string> format) =>
        mean is { } m
            ? low is { } l && high is { } h ? $"{format(m)} [{format(l)}, {format(h)}]" : format(m)
            : "n/a";

    /// <summary>The recovered part of confinement, which the trade-off's cost axis leaves out.</summary>
    private static string RecoveredLine(ResultsData data)
    {
        var parts = data.Metadata.Variants
            .Select(v => (v.Name, VariantStatistics.Find(data.Statistics, v.Name, "recovered_confined_person_days").Mean))
            .Where(p => p.Mean is not null)
            .Select(p => $"`{p.Name}` {Format(p.Mean!.Value)}");
        return "The cost axis counts only never-infected confinement person-days. Confinement of recovered people, held after " +
            "their infection is over (a cost, but not a false detection), is left out of it; mean recovered confinement person-days: " +
            string.Join(", ", parts) + ".";
    }

    /// <summary>
    /// What is still in force on the last day, and in words, for each variant whose confinement or epidemic is still
    /// rising at the end (its totals then depend on the number of days simulated).
    /// </summary>
    private static string HorizonText(ResultsData data)
    {
        var text = new StringBuilder();
        text.Append("Confinement still in force after the last simulated day (means over replicates): people confined, ")
            .Append("days they still have to serve (confinements with an end day), and confinements without an end day.\n\n")
            .Append("| variant | confined at end | days still to serve | without end day |\n|---|---:|---:|---:|\n");
        foreach (var variant in data.Metadata.Variants)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{variant.Name}` |");
            foreach (var metric in (string[])["confined_at_end", "confinement_days_after_end", "open_confinements_at_end"])
            {
                text.Append(' ').Append(Opt(VariantStatistics.Find(data.Statistics, variant.Name, metric).Mean)).Append(" |");
            }
            text.Append('\n');
        }
        var warnings = new List<string>();
        foreach (var variant in data.Metadata.Variants)
        {
            var rising = new List<string>();
            foreach (var (metric, what) in ((string, string)[])[("confinement_rising_at_end", "confinement"), ("epidemic_rising_at_end", "the epidemic (infected people)")])
            {
                var s = VariantStatistics.Find(data.Statistics, variant.Name, metric);
                var runs = s.Mean is { } share ? (int)Math.Round(share * s.N) : 0;
                if (runs > 0)
                {
                    rising.Add($"{what} in {runs} of {s.N} replicate(s)");
                }
            }
            if (rising.Count > 0)
            {
                warnings.Add($"- `{variant.Name}`: still rising on the last day (above its level 7 days earlier): {string.Join("; ", rising)}. " +
                    "Its person-day totals and infections depend on the horizon; a longer run would give larger ones.");
            }
        }
        text.Append('\n').Append(warnings.Count == 0
            ? "No variant's confinement or epidemic was still rising on the last day (compared with 7 days earlier).\n"
            : string.Join("\n", warnings) + "\n");
        return text.ToString();
    }

    private static string MeanWithInterval(VariantStatistic s, string metric)
    {
        if (s.Mean is not { } mean)
        {
            return "n/a";
        }
        var percent = Shares.Contains(metric);
        string F(double v) => percent ? (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + " %" : Format(v);
        return s.Low is { } low && s.High is { } high ? $"{F(mean)} [{F(Clip(metric, low))}, {F(Clip(metric, high))}]" : F(mean);
    }

    /// <summary>
    /// A t interval can reach past a metric's natural range (a share above 100 %, a negative count) when replicates
    /// are few; the report shows it cut to the range so it reads as a statement about the metric. variants.parquet
    /// keeps the interval as computed.
    /// </summary>
    internal static double Clip(string metric, double value) => metric switch
    {
        _ when Shares.Contains(metric) || Flags.Contains(metric) => Math.Clamp(value, 0, 1),
        "infections_averted" => value,
        _ => Math.Max(0, value),
    };

    private static string Opt(double? value) => value is { } v ? Format(v) : "n/a";

    private static string Signed(double value) => (value > 0 ? "+" : "") + Format(value);

    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Four significant digits are plenty for replicate means; large counts keep their integer part.</summary>
    public static string Format(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("G4", CultureInfo.InvariantCulture);
}
