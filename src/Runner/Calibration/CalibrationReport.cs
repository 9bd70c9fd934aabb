using System.Globalization;
using System.Text;
using Hcsim.Engine.Calibration;

namespace Hcsim.Runner.Calibration;

/// <summary>
/// <c>calibration.md</c>: the method in one paragraph, the posterior (weighted mean and 95 % interval per fitted setting),
/// each target's observed value against the posterior's simulated values, and one line per generation (tolerance,
/// candidates, accepted, effective sample size).
/// </summary>
public static class CalibrationReport
{
    public const string FileName = "calibration.md";

    public static string Render(string scenarioName, CalibrationConfig config, CalibrationOutcome outcome, double wallSeconds, int threads)
    {
        var text = new StringBuilder();
        var posterior = outcome.Posterior;
        text.AppendLine(Invariant($"# Calibration of {scenarioName}"));
        text.AppendLine();
        text.AppendLine(Invariant($"ABC-SMC with {config.Particles} particles a generation, tolerance = the {config.Quantile:0.##} quantile of the previous generation's distances, {config.Replicates} run(s) per candidate. A candidate's distance is the sum over targets of ((simulated - observed) / sd)^2 (for a series, the mean over its rows). Stopped: {outcome.StopReason}."));
        text.AppendLine(Invariant($"{outcome.Runs} simulation runs in {wallSeconds:F0} s on {threads} thread(s)."));
        text.AppendLine();
        text.AppendLine("## Posterior");
        text.AppendLine();
        if (posterior is null)
        {
            text.AppendLine("No generation filled its population, so there is no posterior (and no calibrated.yaml): widen the priors, loosen the targets' sd, or raise max_rounds.");
        }
        else
        {
            text.AppendLine(Invariant($"From generation {posterior.Index} (tolerance {Format(posterior.Tolerance)}, effective sample size {posterior.EffectiveSampleSize:F1} of {posterior.Population.Count()}):"));
            text.AppendLine();
            text.AppendLine("| setting | prior | posterior mean | 95 % interval |");
            text.AppendLine("|---|---|---|---|");
            var summary = CalibrationLoop.Summarise(config, posterior);
            for (var k = 0; k < summary.Length; k++)
            {
                var prior = new Prior(config.Parameters[k]);
                text.AppendLine(Invariant($"| `{summary[k].Path}` | {config.Parameters[k].Prior} [{Format(prior.Lower)}, {Format(prior.Upper)}] | {Format(summary[k].Mean)} | {Format(summary[k].Low)} - {Format(summary[k].High)} |"));
            }
            text.AppendLine();
            text.AppendLine("## Targets");
            text.AppendLine();
            text.AppendLine("| target | metric | observed | sd | simulated (posterior mean) | 95 % of posterior particles |");
            text.AppendLine("|---|---|---|---|---|---|");
            var population = posterior.Population.ToArray();
            for (var t = 0; t < config.Targets.Length; t++)
            {
                var target = config.Targets[t];
                var metric = target.Per is null ? target.Metric : $"{target.Metric} / {target.Per}";
                var observed = target.Observed is { } o ? Format(o) : $"series ({target.SeriesPoints.Length} rows, mean {Format(target.SeriesPoints.Average(p => p.Value))})";
                var values = population.Select(c => (Value: CalibrationParquetWriter.SimulatedMean(c, t), c.Weight)).Where(v => v.Value is not null).ToArray();
                var mean = values.Sum(v => v.Weight * v.Value!.Value) / Math.Max(1e-300, values.Sum(v => v.Weight));
                var sorted = values.Select(v => v.Value!.Value).Order().ToArray();
                var band = sorted.Length == 0 ? "" : $"{Format(Quantile(sorted, 0.025))} - {Format(Quantile(sorted, 0.975))}";
                text.AppendLine(Invariant($"| {target.Name} | `{metric}` | {observed} | {Format(target.Sd)} | {Format(mean)} | {band} |"));
            }
        }
        text.AppendLine();
        text.AppendLine("## Generations");
        text.AppendLine();
        text.AppendLine("| generation | tolerance | candidates | accepted | effective sample size | complete |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var g in outcome.Generations)
        {
            text.AppendLine(Invariant($"| {g.Index} | {Format(g.Tolerance)} | {g.Candidates.Length} | {g.Population.Count()} | {g.EffectiveSampleSize:F1} | {(g.Complete ? "yes" : "no")} |"));
        }
        text.AppendLine();
        text.AppendLine("Files: calibration.parquet (every candidate), calibrated.yaml (posterior means), plots/calibration-targets.png, plots/calibration-posterior-*.png (with SVG twins).");
        return text.ToString();
    }

    private static double Quantile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Floor(p * sorted.Length), 0, sorted.Length - 1)];

    public static string Format(double value) => double.IsPositiveInfinity(value) ? "inf" : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
