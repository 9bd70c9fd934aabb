using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Runner.Plots;

namespace Hcsim.Runner.Output;

/// <summary>
/// Turns a stream of finished runs into a results folder. A producer (the engine, or a test) writes runs to a bounded
/// channel in any order; one consumer writes <c>daily.parquet</c> in (variant index, replicate) order as runs become
/// available, then <c>summary.parquet</c>, the plots, <c>report.md</c> and <c>manifest.json</c> are written at the end.
/// The bound keeps memory flat: the engine waits when the writer falls behind.
/// </summary>
public sealed class ResultsPipeline
{
    public const string DailyFile = "daily.parquet";
    public const string SummaryFile = "summary.parquet";
    public const string ReportFile = "report.md";
    public const string ManifestFile = "manifest.json";

    private readonly Scenario _scenario;
    private readonly RunContext _context;

    public ResultsPipeline(Scenario scenario, RunContext context)
    {
        _scenario = scenario;
        _context = context;
    }

    /// <summary>SHA-256 of scenario text as lower-case hex, for <see cref="RunContext.ScenarioSha256"/>.</summary>
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// Runs <paramref name="produce"/> and writes every output into <paramref name="folder"/>'s temporary folder; the
    /// caller commits the folder. The pipeline completes the channel when the producer returns or fails, and cancels the
    /// producer when writing fails, so neither side can wait forever on the other.
    /// </summary>
    public async Task<PipelineResult> RunAsync(
        OutputFolder folder,
        Func<ChannelWriter<RunResult>, CancellationToken, Task> produce,
        CancellationToken cancellationToken)
    {
        var started = _context.Clock.GetTimestamp();
        var metricColumns = ParquetSchemas.DailyMetricColumns(_scenario);
        // Two finished runs per thread in flight is enough to keep every worker busy while the writer catches up.
        var channel = Channel.CreateBounded<RunResult>(new BoundedChannelOptions(Math.Max(2, 2 * _context.Threads))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consumer = ConsumeAsync(folder, metricColumns, channel.Reader, stop.Token);
        var producer = ProduceAsync(produce, channel.Writer, stop.Token);
        if (await Task.WhenAny(consumer, producer).ConfigureAwait(false) == consumer && !consumer.IsCompletedSuccessfully)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
        // The consumer goes first so that a write failure, not the producer's resulting cancellation, is reported.
        await Task.WhenAll(consumer, producer).ConfigureAwait(false);
        var consumed = await consumer.ConfigureAwait(false);
        var expectedRuns = _scenario.Variants.Length * _scenario.Replicates;
        if (consumed.RunsReceived != expectedRuns)
        {
            // Checked only after the producer succeeded: when it failed half-way, its own exception is the one to report.
            throw new SimulationInvariantException($"the engine finished after delivering {consumed.RunsReceived} of {expectedRuns} runs");
        }

        var files = new List<string> { DailyFile };
        var variantIndex = _scenario.Variants.Select((v, i) => (v.Name, i)).ToDictionary(p => p.Name, p => p.i);
        var summaries = InfectionsAverted.Fill(consumed.Summaries, _scenario.Counterfactual)
            .OrderBy(s => variantIndex[s.Variant]).ThenBy(s => s.Replicate).ToList();

        await using (var stream = folder.CreateFile(SummaryFile))
        {
            await SummaryParquetWriter.WriteAsync(stream, summaries, stop.Token).ConfigureAwait(false);
        }
        files.Add(SummaryFile);

        var plots = WritePlots(folder, consumed.Means);
        files.AddRange(plots.Select(p => p.Path));

        await folder.WriteTextAsync(ReportFile, ReportWriter.Render(_scenario, summaries, plots), stop.Token).ConfigureAwait(false);
        files.Add(ReportFile);
        files.Add(ManifestFile);

        var wallSeconds = _context.Clock.GetElapsedTime(started).TotalSeconds;
        var manifest = new RunManifest
        {
            ScenarioName = _scenario.Name,
            Source = _context.Source,
            ScenarioSha256 = _context.ScenarioSha256,
            Overrides = _context.Overrides,
            BaseSeed = _scenario.Seed,
            Replicates = _scenario.Replicates,
            ReplicateSeeds = summaries.Where(s => s.Variant == _scenario.Variants[0].Name).Select(s => s.Seed).ToList(),
            Variants = _scenario.Variants.Select(v => v.Name).ToList(),
            Counterfactual = _scenario.Counterfactual,
            HcsimVersion = _context.HcsimVersion,
            DotnetVersion = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            Threads = _context.Threads,
            ProcessorCount = Environment.ProcessorCount,
            WallSeconds = wallSeconds,
            PeakMemoryBytes = PeakWorkingSet(),
            Runs = summaries.Count,
            PhaseSeconds = consumed.PhaseSeconds,
            CreatedUtc = _context.Clock.GetUtcNow().UtcDateTime,
            Files = files,
        };
        var json = JsonSerializer.Serialize(manifest, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        });
        await folder.WriteTextAsync(ManifestFile, json + "\n", stop.Token).ConfigureAwait(false);

        return new PipelineResult { Summaries = summaries, Files = files, WallSeconds = wallSeconds, DailyRows = consumed.DailyRows };
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static async Task ProduceAsync(
        Func<ChannelWriter<RunResult>, CancellationToken, Task> produce, ChannelWriter<RunResult> writer, CancellationToken cancellationToken)
    {
        try
        {
            await produce(writer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Completing without the exception lets the consumer end normally; the producer's own task carries the error.
            writer.TryComplete();
        }
    }

    private async Task<Consumed> ConsumeAsync(
        OutputFolder folder, IReadOnlyList<string> metricColumns, ChannelReader<RunResult> reader, CancellationToken cancellationToken)
    {
        // Yield first so that a slow file open does not delay starting the producer.
        await Task.Yield();
        var reorder = new RunReorderBuffer(_scenario.Variants.Length, _scenario.Replicates);
        var means = _scenario.Variants
            .Select((v, i) => new VariantDailyMeans(v.Name, i, v.Model.Days, v.Model.Policy.Colours))
            .ToList();
        var summaries = new List<RunSummary>();
        var phaseSeconds = new SortedDictionary<string, double>(StringComparer.Ordinal);
        long rows;
        await using (var stream = folder.CreateFile(DailyFile))
        {
            await using var daily = await DailyParquetWriter.CreateAsync(stream, metricColumns, cancellationToken).ConfigureAwait(false);
            await foreach (var result in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var run in reorder.Add(result))
                {
                    await daily.WriteRunAsync(run, cancellationToken).ConfigureAwait(false);
                    means[run.VariantIndex].Add(run.Daily);
                    summaries.Add(run.Summary);
                    foreach (var (phase, time) in run.PhaseTimes)
                    {
                        phaseSeconds[phase] = phaseSeconds.GetValueOrDefault(phase) + time.TotalSeconds;
                    }
                }
            }
            rows = daily.RowsWritten;
        }
        return new Consumed(summaries, means, phaseSeconds, rows, reorder.Released + reorder.Waiting);
    }

    private List<(string Path, string Caption)> WritePlots(OutputFolder folder, IReadOnlyList<VariantDailyMeans> means)
    {
        var plots = new List<(string Path, string Caption)>
        {
            (ResultPlots.EpidemicFile, "Infected people (exposed + infectious) per day, mean over replicates, one line per variant."),
            (ResultPlots.QuarantineFile, "Quarantined people (home + central) per day, mean over replicates, one line per variant."),
        };
        ResultPlots.WriteEpidemic(folder.PathOf(ResultPlots.EpidemicFile), means);
        ResultPlots.WriteQuarantine(folder.PathOf(ResultPlots.QuarantineFile), means);
        foreach (var variant in means)
        {
            var file = ResultPlots.ColoursFile(variant.Variant);
            ResultPlots.WriteColourShares(folder.PathOf(file), variant);
            plots.Add((file, $"Share of living people holding each health-code colour per day, variant {variant.Variant}, mean over replicates."));
        }
        return plots;
    }

    private sealed record Consumed(
        IReadOnlyList<RunSummary> Summaries,
        IReadOnlyList<VariantDailyMeans> Means,
        IReadOnlyDictionary<string, double> PhaseSeconds,
        long DailyRows,
        int RunsReceived);
}
