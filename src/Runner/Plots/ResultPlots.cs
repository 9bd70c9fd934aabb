using System.Globalization;
using Hcsim.Runner.Output;
using ScottPlot;

namespace Hcsim.Runner.Plots;

/// <summary>
/// Draws the plots of a results folder, each as a PNG and an SVG twin beside it (same name, <c>.svg</c>). Every plot is a pure function of <see cref="ResultsData"/> (which is read
/// from the folder's files), so <c>hcsim plot</c> redraws identical bytes. Variants keep their scenario order and their
/// colour (<see cref="PlotStyle.ForVariant"/>) in every picture.
/// </summary>
public static class ResultPlots
{
    public const string EpidemicFile = "plots/epidemic.png";
    /// <summary>The epidemic without the counterfactual, whose large curve flattens the policies' curves to zero.</summary>
    public const string EpidemicPoliciesFile = "plots/epidemic-policies.png";
    public const string QuarantineFile = "plots/quarantine.png";
    public const string FalsePositiveFile = "plots/false-positive-share.png";
    public const string TradeOffFile = "plots/tradeoff.png";
    public const string DataCollectedFile = "plots/data-collected.png";
    public const string HeatmapFile = "plots/sweep-heatmap.png";
    public const string TestsFile = "plots/tests.png";

    /// <summary>More lines than this in one picture is a tangle; sweeps beyond it are read in the trade-off and heat map.</summary>
    public const int MaxLineVariants = 12;

    public static string ColoursFile(string variant) => $"plots/colours-{SafeFileName(variant)}.png";

    /// <summary>The zoom on the flagged colours (all but the first) of one variant.</summary>
    public static string FlaggedColoursFile(string variant) => $"plots/colours-{SafeFileName(variant)}-flagged.png";

    /// <summary>The trade-off plot first (the report shows it on its own), then the others in reading order.</summary>
    public static IReadOnlyList<PlotFile> WriteAll(ResultsData data, Func<string, string> pathOf)
    {
        var lines = data.Daily.Take(MaxLineVariants).ToList();
        var shown = lines.Count < data.Daily.Count ? $" (first {lines.Count} of {data.Daily.Count} variants)" : "";
        var jobs = new List<Func<PlotFile>> { () => WriteTradeOff(pathOf(TradeOffFile), data), () => WriteDataCollected(pathOf(DataCollectedFile), data) };
        foreach (var metric in ForestPlot.MetricsToDraw(data))
        {
            jobs.Add(() => ForestPlot.Write(pathOf(ForestPlot.FileOf(metric)), data, metric));
        }
        if (data.Metadata.SweepAxes.Length == 2)
        {
            jobs.Add(() => WriteHeatmap(pathOf(HeatmapFile), data));
        }
        jobs.Add(() => WriteEpidemic(pathOf(EpidemicFile), lines, shown));
        var policies = lines.Where(v => v.Variant != data.Metadata.Counterfactual).ToList();
        if (data.Metadata.Counterfactual is { } counterfactual && policies.Count > 0 && policies.Count < lines.Count)
        {
            jobs.Add(() =>
            {
                WriteEpidemic(pathOf(EpidemicPoliciesFile), policies, shown);
                return new PlotFile(EpidemicPoliciesFile,
                    $"The same epidemic curves without the counterfactual `{counterfactual}`, on a scale where the policies' curves are visible{shown}.");
            });
        }
        jobs.Add(() => WriteQuarantine(pathOf(QuarantineFile), lines, shown));
        if (data.Daily.Any(v => v.PartTotals.ContainsKey("samples")))
        {
            jobs.Add(() => WriteTests(pathOf(TestsFile), lines, shown));
        }
        jobs.Add(() => WriteFalsePositiveShare(pathOf(FalsePositiveFile), lines, shown));
        if (TravelPlots.Applies(data))
        {
            jobs.Add(() => TravelPlots.WriteImported(pathOf(TravelPlots.ImportedFile), lines));
            jobs.Add(() => TravelPlots.WriteTradeOff(pathOf(TravelPlots.TradeOffFile), data));
        }
        foreach (var variant in lines)
        {
            jobs.Add(() =>
            {
                var file = ColoursFile(variant.Variant);
                WriteColourShares(pathOf(file), variant);
                return new PlotFile(file, $"Share of living people holding each code colour per day in variant `{variant.Variant}`, mean over replicates.");
            });
            // A variant that never flags anyone (the counterfactual) has nothing to zoom in on.
            if (Enumerable.Range(1, Math.Max(0, variant.Colours.Length - 1)).Any(c => variant.ColourShareMean[c].Any(x => x > 0)))
            {
                jobs.Add(() =>
                {
                    var file = FlaggedColoursFile(variant.Variant);
                    WriteFlaggedShares(pathOf(file), variant);
                    return new PlotFile(file, $"The flagged colours of variant `{variant.Variant}` (every colour but `{variant.Colours[0]}`) zoomed in: share of living people per day, mean over replicates, on an axis fitted to these shares, which are too thin to read on the 0-100 % scale above.");
                });
            }
        }
        // Each plot is its own ScottPlot instance writing its own file, so they render in parallel; the list keeps
        // the fixed order for the report.
        var plots = new PlotFile[jobs.Count];
        Parallel.For(0, jobs.Count, k => plots[k] = jobs[k]());
        return [.. plots, .. TornadoPlot.WriteAll(data, pathOf)];
    }

    public static PlotFile WriteEpidemic(string path, IReadOnlyList<VariantDailySeries> variants, string shown = "")
    {
        var replicates = variants.Count == 0 ? 0 : variants[0].Replicates;
        var plot = PlotStyle.Create($"Infected people (exposed + infectious): mean and 95 % interval, {replicates} replicates", "day", "people");
        foreach (var v in variants)
        {
            var colour = PlotStyle.ForVariant(v.VariantIndex);
            if (v.Replicates >= 2)
            {
                var band = plot.Add.FillY(Days(v.Days), v.InfectedLow.Select(x => Math.Max(0, x)).ToArray(), v.InfectedHigh);
                band.FillStyle.Color = colour.WithAlpha(0.2);
                band.LineStyle.Width = 0;
            }
            AddLine(plot, v.Variant, colour, Days(v.Days), v.InfectedMean);
        }
        FitCounts(plot, variants.Select(v => v.Days));
        Save(plot, path);
        return new PlotFile(EpidemicFile, $"Epidemic curves: people infected (exposed or infectious) per day, mean over replicates with a shaded 95 % interval, one colour per variant{shown}.");
    }

    public static PlotFile WriteQuarantine(string path, IReadOnlyList<VariantDailySeries> variants, string shown = "")
    {
        var plot = PlotStyle.Create("Quarantine load: solid = central isolation, dashed = home quarantine (mean over replicates)", "day", "people confined");
        foreach (var v in variants)
        {
            var colour = PlotStyle.ForVariant(v.VariantIndex);
            AddLine(plot, v.Variant, colour, Days(v.Days), v.QuarantinedCentralMean);
            var home = AddLine(plot, "", colour, Days(v.Days), v.QuarantinedHomeMean);
            home.LinePattern = LinePattern.Dashed;
        }
        // No quarantine capacity setting exists yet; when one does, draw it here as a horizontal line.
        FitCounts(plot, variants.Select(v => v.Days));
        Save(plot, path);
        return new PlotFile(QuarantineFile, $"Quarantine load: people in central isolation (solid) and home quarantine (dashed) per day, mean over replicates{shown}.");
    }

    public static PlotFile WriteFalsePositiveShare(string path, IReadOnlyList<VariantDailySeries> variants, string shown = "")
    {
        var plot = PlotStyle.Create("False-positive share: flagged people never infected (mean over replicates)", "day", "% of flagged people");
        var drawn = new List<double>();
        foreach (var v in variants)
        {
            var days = new List<double>();
            var shares = new List<double>();
            for (var d = 0; d < v.Days; d++)
            {
                if (!double.IsNaN(v.FalsePositiveShareMean[d]))
                {
                    days.Add(d);
                    shares.Add(100 * v.FalsePositiveShareMean[d]);
                }
            }
            // A variant that never flags anyone (the counterfactual) has no share to draw.
            if (days.Count > 0)
            {
                AddLine(plot, v.Variant, PlotStyle.ForVariant(v.VariantIndex), [.. days], [.. shares]);
                drawn.AddRange(shares);
            }
        }
        var (bottom, top) = drawn.Count > 0 ? ShareAxis(drawn.Min(), drawn.Max()) : (0, 105);
        plot.Axes.SetLimits(0, Math.Max(1, variants.Select(v => v.Days).DefaultIfEmpty(2).Max() - 1), bottom, top);
        if (plot.GetPlottables().Any())
        {
            Save(plot, path);
        }
        else
        {
            // ScottPlot draws an empty plot without axes or labels, which looks broken; say why it is empty instead.
            var note = plot.Add.Text("Nobody was flagged in any variant.", 0, 50);
            note.LabelFontSize = 24;
            note.LabelFontName = PlotStyle.FontName;
            plot.Axes.SetLimits(0, Math.Max(1, variants.Select(v => v.Days).DefaultIfEmpty(2).Max() - 1), 0, 105);
            Save(plot, path, legend: false);
        }
        return new PlotFile(FalsePositiveFile, $"False-positive share per day: flagged_never_infected / flagged (flagged people who were never infected; recovered people still flagged are not counted as false positives), averaged over the replicates that flag anyone that day{shown}; days with nobody flagged are left out. The vertical axis covers the range of the shares (in steps of 10 %), not always 0-100 %.");
    }

    /// <summary>Stacked areas of code-colour shares, the first colour at the bottom.</summary>
    public static void WriteColourShares(string path, VariantDailySeries variant)
    {
        var plot = PlotStyle.Create($"Code colours in variant {variant.Variant} (mean over replicates)", "day", "% of living people");
        var days = Days(variant.Days);
        // Bands stack from the first colour up; they are added top band first so that the legend lists the colours in
        // the order they appear on the picture (the bands do not overlap, so drawing order changes nothing else).
        var bands = new List<(double[] Lower, double[] Upper)>();
        var lower = new double[variant.Days];
        for (var c = 0; c < variant.Colours.Length; c++)
        {
            var share = variant.ColourShareMean[c];
            var upper = new double[variant.Days];
            for (var d = 0; d < variant.Days; d++)
            {
                upper[d] = lower[d] + 100 * share[d];
            }
            bands.Add((lower, upper));
            lower = upper;
        }
        for (var c = variant.Colours.Length - 1; c >= 0; c--)
        {
            var fill = plot.Add.FillY(days, bands[c].Lower, bands[c].Upper);
            var colour = PlotStyle.ForCode(variant.Colours[c], c, variant.Colours.Length);
            fill.FillStyle.Color = colour.WithAlpha(0.85);
            fill.LineStyle.Color = colour;
            fill.LegendText = variant.Colours[c];
        }
        plot.Axes.SetLimits(0, Math.Max(1, variant.Days - 1), 0, 100);
        plot.ShowLegend(Edge.Right);
        PlotStyle.Save(plot, path);
    }

    /// <summary>
    /// Lines of the flagged colours' shares (every colour but the first), on a vertical axis fitted to them: a 1-7 %
    /// band is invisible on the stacked 0-100 % picture.
    /// </summary>
    public static void WriteFlaggedShares(string path, VariantDailySeries variant)
    {
        var plot = PlotStyle.Create($"Flagged colours in variant {variant.Variant}, zoomed (mean over replicates)", "day", "% of living people");
        var days = Days(variant.Days);
        var top = 0.0;
        for (var c = 1; c < variant.Colours.Length; c++)
        {
            var share = variant.ColourShareMean[c].Select(x => 100 * x).ToArray();
            top = Math.Max(top, share.DefaultIfEmpty(0).Max());
            AddLine(plot, variant.Colours[c], PlotStyle.ForCode(variant.Colours[c], c, variant.Colours.Length), days, share);
        }
        plot.Axes.SetLimits(0, Math.Max(1, variant.Days - 1), 0, top > 0 ? NiceTop(1.1 * top) : 1);
        Save(plot, path);
    }

    /// <summary>
    /// A share axis (in %) fitted to data from <paramref name="min"/> to <paramref name="max"/>: bounds on multiples of
    /// 10 with at least 5 points of margin, kept within 0-105.
    /// </summary>
    public static (double Bottom, double Top) ShareAxis(double min, double max)
    {
        var bottom = Math.Max(0, Math.Floor((min - 5) / 10) * 10);
        var top = Math.Min(105, Math.Ceiling((max + 5) / 10) * 10);
        return top - bottom < 10 ? (Math.Max(0, top - 10), top) : (bottom, top);
    }

    /// <summary>1, 2 or 5 times a power of ten, at or above <paramref name="value"/>.</summary>
    private static double NiceTop(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1.0, 2, 5, 10 }.Select(m => m * power).First(v => v >= value);
    }

    /// <summary>
    /// Infections averted (benefit, up) against never-infected confinement person-days (cost, right), means with 95 %
    /// interval whiskers; Pareto-efficient variants are ringed. Without a counterfactual, total infections (lower is
    /// better) take the place of infections averted.
    /// </summary>
    public static PlotFile WriteTradeOff(string path, ResultsData data)
    {
        var hasCounterfactual = data.Metadata.Counterfactual is not null;
        var plot = PlotStyle.Create(
            hasCounterfactual
                ? "Trade-off: infections averted vs. never-infected people confined (up and left is better)"
                : "Trade-off: infections vs. never-infected people confined (down and left is better)",
            "never-infected confinement person-days (people confined who were never infected, summed over days)",
            hasCounterfactual ? $"infections averted (vs. {data.Metadata.Counterfactual})" : "total infections");
        var overlaps = DrawCostBenefit(plot, path, data, "never_infected_confined_person_days");
        return new PlotFile(TradeOffFile, (hasCounterfactual
            ? "Trade-off: each point is a variant, infections averted (up is better) against never-infected confinement person-days (left is better: the days people who were never infected spent confined), means over replicates; ringed points are Pareto-efficient (no other variant averts more with fewer never-infected person-days confined). The counterfactual, at (0, 0) by definition, is not drawn."
            : "Trade-off: each point is a variant, total infections (down is better) against never-infected confinement person-days (left is better: the days people who were never infected spent confined), means over replicates; ringed points are Pareto-efficient.")
            + PairedWhiskersNote(data) + overlaps);
    }

    /// <summary>
    /// The surveillance cost: infections averted (up) against data_records (the records the policy gathered or read,
    /// right), drawn like the trade-off; without a counterfactual, total infections take the place of infections averted.
    /// </summary>
    public static PlotFile WriteDataCollected(string path, ResultsData data)
    {
        var hasCounterfactual = data.Metadata.Counterfactual is not null;
        var plot = PlotStyle.Create(
            hasCounterfactual
                ? "Data collected vs. infections averted (up and left is better)"
                : "Data collected vs. infections (down and left is better)",
            "data records (check-ins + test samples + venue scans + contact records consulted by tracing)",
            hasCounterfactual ? $"infections averted (vs. {data.Metadata.Counterfactual})" : "total infections");
        var overlaps = DrawCostBenefit(plot, path, data, "data_records");
        return new PlotFile(DataCollectedFile, (hasCounterfactual
            ? "Data collected: each point is a variant, infections averted (up is better) against the records the policy gathered or read (`data_records`: check-ins, test samples, venue scans, contacts consulted, left is better), means over replicates; ringed points are Pareto-efficient. The counterfactual is not drawn."
            : "Data collected: each point is a variant, total infections (down is better) against the records the policy gathered or read (`data_records`: check-ins, test samples, venue scans, contacts consulted, left is better), means over replicates; ringed points are Pareto-efficient.")
            + PairedWhiskersNote(data) + overlaps);
    }

    /// <summary>
    /// One point per variant (the counterfactual left out): <paramref name="xMetric"/> (a cost, right) against infections
    /// averted (up), or total infections without a counterfactual, and the Pareto-efficient ringed. Whiskers are the 95 %
    /// paired intervals of each variant's difference from the reference (replicate r against replicate r), centred on the
    /// point: a whisker that does not reach the reference's value on its axis is a difference larger than the simulation
    /// noise. The reference is a square without whiskers. Points that would cover one another are drawn as concentric
    /// dots (the later variant smaller, on top) and named in the legend and in the returned note.
    /// </summary>
    /// <returns>A sentence for the caption naming the overlapping variants; empty when none overlap.</returns>
    private static string DrawCostBenefit(Plot plot, string path, ResultsData data, string xMetric)
    {
        var hasCounterfactual = data.Metadata.Counterfactual is not null;
        var yMetric = hasCounterfactual ? "infections_averted" : "total_infections";
        var reference = data.Metadata.ReferenceName;
        var points = new List<TradeOffPoint>();
        for (var i = 0; i < data.Metadata.Variants.Length; i++)
        {
            var name = data.Metadata.Variants[i].Name;
            if (name == data.Metadata.Counterfactual)
            {
                // It sits at (0, 0) by definition; drawing it would squeeze every real choice into one corner.
                continue;
            }
            var x = VariantStatistics.Find(data.Statistics, name, xMetric);
            var y = VariantStatistics.Find(data.Statistics, name, yMetric);
            if (x.Mean is { } xm && y.Mean is { } ym)
            {
                points.Add(new TradeOffPoint(i, name, xm, ym,
                    PairedWhisker(xm, x.RefDiffMean, x.RefDiffLow), PairedWhisker(xm, x.RefDiffMean, x.RefDiffHigh),
                    PairedWhisker(ym, y.RefDiffMean, y.RefDiffLow), PairedWhisker(ym, y.RefDiffMean, y.RefDiffHigh)));
            }
        }
        var efficient = ParetoEfficient(points.Select(p => (p.X, hasCounterfactual ? p.Y : -p.Y)).ToList());
        var under = Overlaps(points);
        if (points.FirstOrDefault(p => p.Name == reference) is { } origin)
        {
            // Faint lines through the reference, so a whisker that stays clear of them reads at a glance.
            // Solid: a dashed axis line makes the SVG export print "Unsupported path effect" on the console.
            plot.Add.VerticalLine(origin.X, 1, Colors.Gray.WithAlpha(0.6));
            plot.Add.HorizontalLine(origin.Y, 1, Colors.Gray.WithAlpha(0.6));
        }
        for (var k = 0; k < points.Count; k++)
        {
            var p = points[k];
            var colour = PlotStyle.ForVariant(p.Index);
            if (p.XLow is { } xl && p.XHigh is { } xh && p.YLow is { } yl && p.YHigh is { } yh)
            {
                var bar = plot.Add.ErrorBar([p.X], [p.Y], [p.Y - yl]);
                bar.YErrorPositive = [yh - p.Y];
                bar.XErrorNegative = [p.X - xl];
                bar.XErrorPositive = [xh - p.X];
                bar.Color = colour;
                bar.LineWidth = 1.5f;
            }
            // In a group of overlapping points the first is the largest and each later one smaller, drawn on top of it.
            var later = Enumerable.Range(k + 1, points.Count - k - 1).Count(o => under[o] == (under[k] ?? k));
            var size = 11 + 7 * later;
            var shape = p.Name == reference ? MarkerShape.FilledSquare : MarkerShape.FilledCircle;
            var marker = plot.Add.Marker(p.X, p.Y, shape, size, colour);
            marker.MarkerLineColor = Colors.White;
            marker.MarkerLineWidth = 1;
            // The legend shows a marker of the usual size, whatever the size on the picture.
            var key = plot.Add.Marker(double.NaN, double.NaN, shape, 11, colour);
            key.LegendText = (p.Name == reference ? $"{p.Name} (reference)" : p.Name)
                + (under[k] is { } first ? $" (over {points[first].Name})" : "");
            if (efficient[k])
            {
                plot.Add.Marker(p.X, p.Y, MarkerShape.OpenCircle, size + 11, Colors.Black);
            }
        }
        var ring = plot.Add.Marker(double.NaN, double.NaN, MarkerShape.OpenCircle, 16, Colors.Black);
        ring.LegendText = "Pareto-efficient";
        // Names stay in the legend: labels next to points overlap as soon as variants cluster, which they do in sweeps.
        plot.Axes.AutoScale();
        Save(plot, path, legend: points.Count <= 2 * MaxLineVariants);
        var groups = Enumerable.Range(0, points.Count).Where(k => under[k] is not null)
            .GroupBy(k => under[k]!.Value)
            .Select(g => $"`{points[g.Key].Name}` with {string.Join(", ", g.Select(k => $"`{points[k].Name}`"))}")
            .ToList();
        return groups.Count == 0 ? ""
            : $" Points that would cover one another are drawn as concentric dots, the later variant smaller on top: {string.Join("; ", groups.Take(20))}"
              + (groups.Count > 20 ? $"; and {groups.Count - 20} more groups" : "") + ".";
    }

    /// <summary>What the whiskers of the cost-benefit charts are.</summary>
    private static string PairedWhiskersNote(ResultsData data) =>
        $" Whiskers are 95 % paired intervals of each variant's difference from the reference `{data.Metadata.ReferenceName}` "
        + (data.Metadata.ReferenceName == data.Metadata.Counterfactual ? "(not drawn), " : "(square, no whiskers, with thin grey lines through it), ")
        + "replicate r against replicate r, centred on the point: a whisker that stays clear of the reference's value on its axis is a difference larger than the simulation noise.";

    /// <summary>A paired-interval end moved onto the point: the point plus (interval end minus mean difference).</summary>
    private static double? PairedWhisker(double point, double? diffMean, double? diffEnd) =>
        diffMean is { } mean && diffEnd is { } end ? point + (end - mean) : null;

    /// <summary>
    /// For each point, the first earlier point it would cover on the picture (closer than a marker's width on both axes,
    /// judged against the range the points and whiskers span), or null.
    /// </summary>
    public static int?[] OverlapsOf(IReadOnlyList<(double X, double Y)> points, double xRange, double yRange)
    {
        var under = new int?[points.Count];
        for (var k = 0; k < points.Count; k++)
        {
            for (var first = 0; first < k; first++)
            {
                if (under[first] is null
                    && Math.Abs(points[k].X - points[first].X) <= OverlapFraction * xRange
                    && Math.Abs(points[k].Y - points[first].Y) <= OverlapFraction * yRange)
                {
                    under[k] = first;
                    break;
                }
            }
        }
        return under;
    }

    /// <summary>A marker of 11 px spans about 1.5 % of the data area's width and 2.5 % of its height; 2.5 % of both is safe.</summary>
    private const double OverlapFraction = 0.025;

    private static int?[] Overlaps(List<TradeOffPoint> points)
    {
        var xs = points.SelectMany(p => new[] { p.X, p.XLow ?? p.X, p.XHigh ?? p.X }).DefaultIfEmpty(0).ToList();
        var ys = points.SelectMany(p => new[] { p.Y, p.YLow ?? p.Y, p.YHigh ?? p.Y }).DefaultIfEmpty(0).ToList();
        return OverlapsOf([.. points.Select(p => (p.X, p.Y))], xs.Max() - xs.Min(), ys.Max() - ys.Min());
    }

    /// <summary>Tests used per variant (samples and tubes, totals over the days, mean over replicates), each labelled with its cost.</summary>
    public static PlotFile WriteTests(string path, IReadOnlyList<VariantDailySeries> variants, string shown = "")
    {
        var plot = PlotStyle.Create("Tests used and their cost per variant", "", "per run: total over the days, mean over replicates");
        var ticks = new List<Tick>();
        for (var i = 0; i < variants.Count; i++)
        {
            var v = variants[i];
            var colour = PlotStyle.ForVariant(v.VariantIndex);
            var samples = plot.Add.Bar(position: 3 * i, value: v.PartTotals.GetValueOrDefault("samples"));
            samples.Color = colour.WithAlpha(0.45);
            var tubes = plot.Add.Bar(position: 3 * i + 1, value: v.PartTotals.GetValueOrDefault("tubes"));
            tubes.Color = colour;
            var cost = plot.Add.Text($"cost {FormatCell(v.PartTotals.GetValueOrDefault("test_cost"))}", 3 * i + 0.5, Math.Max(v.PartTotals.GetValueOrDefault("samples"), v.PartTotals.GetValueOrDefault("tubes")));
            cost.LabelFontName = PlotStyle.FontName;
            cost.LabelFontSize = 14;
            cost.Alignment = Alignment.LowerCenter;
            ticks.Add(new Tick(3 * i + 0.5, $"{v.Variant}\nsamples | tubes"));
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        PlotStyle.Save(plot, path);
        return new PlotFile(TestsFile,
            $"Tests used per variant: samples (light) and tubes (dark; fewer than samples when pooled), each run's total over the days averaged over replicates, labelled with the test cost (cost_per_test times tubes){shown}.");
    }

    /// <summary>
    /// For points (cost, benefit): true where no other point has cost ≤ and benefit ≥ with at least one strictly better.
    /// Ties (identical points) are all efficient.
    /// </summary>
    public static bool[] ParetoEfficient(IReadOnlyList<(double Cost, double Benefit)> points)
    {
        var efficient = new bool[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            efficient[i] = !points.Any(o => o.Cost <= points[i].Cost && o.Benefit >= points[i].Benefit
                && (o.Cost < points[i].Cost || o.Benefit > points[i].Benefit));
        }
        return efficient;
    }

    /// <summary>
    /// A two-axis sweep's grid coloured by the mean of one metric: infections averted when there is a counterfactual,
    /// attack rate otherwise. Rows are the first axis (top to bottom in declared order), columns the second.
    /// </summary>
    public static PlotFile WriteHeatmap(string path, ResultsData data)
    {
        var rowsAxis = data.Metadata.SweepAxes[0];
        var columnsAxis = data.Metadata.SweepAxes[1];
        var metric = data.Metadata.Counterfactual is not null ? "infections_averted" : "attack_rate";
        var title = metric == "infections_averted" ? "infections averted" : "attack rate (%)";
        var values = new double[rowsAxis.Values.Length, columnsAxis.Values.Length];
        for (var r = 0; r < rowsAxis.Values.Length; r++)
        {
            for (var c = 0; c < columnsAxis.Values.Length; c++)
            {
                values[r, c] = double.NaN;
            }
        }
        foreach (var variant in data.Metadata.Variants.Where(v => v.Sweep.Length == 2))
        {
            var r = rowsAxis.Values.IndexOf(variant.Sweep[0].Value);
            var c = columnsAxis.Values.IndexOf(variant.Sweep[1].Value);
            if (r >= 0 && c >= 0 && VariantStatistics.Find(data.Statistics, variant.Name, metric).Mean is { } mean)
            {
                values[r, c] = metric == "attack_rate" ? 100 * mean : mean;
            }
        }
        var plot = PlotStyle.Create($"Sweep: {title}, mean over replicates", columnsAxis.Path, rowsAxis.Path);
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        // Row 0 of the intensities is drawn at the top of the extent; the first declared value is row 0, so it is on top.
        var rowCount = rowsAxis.Values.Length;
        heatmap.Extent = new CoordinateRect(-0.5, columnsAxis.Values.Length - 0.5, -0.5, rowCount - 0.5);
        var colourBar = plot.Add.ColorBar(heatmap);
        colourBar.Label = title;
        colourBar.LabelStyle.FontName = PlotStyle.FontName;
        colourBar.LabelStyle.FontSize = 14;
        for (var r = 0; r < rowsAxis.Values.Length; r++)
        {
            for (var c = 0; c < columnsAxis.Values.Length; c++)
            {
                var text = plot.Add.Text(double.IsNaN(values[r, c]) ? "n/a" : FormatCell(values[r, c]), c, rowCount - 1 - r);
                text.LabelFontName = PlotStyle.FontName;
                text.LabelFontSize = 16;
                text.LabelBold = true;
                text.LabelFontColor = Colors.Black;
                text.LabelBackgroundColor = Colors.White.WithAlpha(0.75);
                text.LabelPadding = 4;
                text.Alignment = Alignment.MiddleCenter;
            }
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, columnsAxis.Values.Length).Select(i => (double)i)], [.. columnsAxis.Values]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, rowCount).Select(i => (double)(rowCount - 1 - i))], [.. rowsAxis.Values]);
        plot.Axes.SetLimits(-0.5, columnsAxis.Values.Length - 0.5, -0.5, rowCount - 0.5);
        plot.Grid.IsVisible = false;
        PlotStyle.Save(plot, path);
        return new PlotFile(HeatmapFile,
            $"Sweep grid: mean {title} over replicates for each combination of `{rowsAxis.Path}` (rows) and `{columnsAxis.Path}` (columns); other variants are not shown.");
    }

    private static string FormatCell(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("G3", CultureInfo.InvariantCulture);

    private static ScottPlot.Plottables.Scatter AddLine(Plot plot, string legend, Color colour, double[] xs, double[] ys)
    {
        var line = plot.Add.ScatterLine(xs, ys);
        line.Color = colour;
        line.LineWidth = 2;
        line.LegendText = legend;
        return line;
    }

    /// <summary>Counts start at zero and days at day 0: auto-scaling margins would suggest negative people and days.</summary>
    private static void FitCounts(Plot plot, IEnumerable<int> days)
    {
        plot.Axes.AutoScale();
        var top = plot.Axes.GetLimits().Top;
        var lastDay = Math.Max(1, days.DefaultIfEmpty(2).Max() - 1);
        plot.Axes.SetLimits(0, lastDay, 0, Math.Max(1, 1.05 * top));
    }

    private static void Save(Plot plot, string path, bool legend = true)
    {
        if (legend)
        {
            // Outside the data area, so that it never hides a curve.
            plot.ShowLegend(Edge.Right);
        }
        PlotStyle.Save(plot, path);
    }

    private static double[] Days(int count)
    {
        var days = new double[count];
        for (var d = 0; d < count; d++)
        {
            days[d] = d;
        }
        return days;
    }

    /// <summary>Variant names become file names; keep letters, digits, '-', '_' and '.', replace the rest.</summary>
    public static string SafeFileName(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] is not ('-' or '_' or '.'))
            {
                chars[i] = '_';
            }
        }
        return new string(chars);
    }

    private sealed record TradeOffPoint(int Index, string Name, double X, double Y, double? XLow, double? XHigh, double? YLow, double? YHigh);
}
