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
/// available, then <c>summary.parquet</c>, the plots, <c>report.md</c>, the CSV twins when asked (<see cref="RunContext.Csv"/>)
/// and <c>manifest.json</c> are written at the end.
/// The bound keeps memory flat: the engine waits when the writer falls behind.
/// </summary>
public sealed class ResultsPipeline
{
    public const string DailyFile = "daily.parquet";
    public const string SummaryFile = "summary.parquet";
    public const string VariantsFile = "variants.parquet";
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
        if (_context.Details.Events)
        {
            files.Add(DetailParquetWriter.EventsFile);
        }
        if (_context.Details.Transmissions)
        {
            files.Add(DetailParquetWriter.TransmissionsFile);
        }
        var variantIndex = _scenario.Variants.Select((v, i) => (v.Name, i)).ToDictionary(p => p.Name, p => p.i);
        var summaries = InfectionsAverted.Fill(consumed.Summaries, _scenario.Counterfactual)
            .OrderBy(s => variantIndex[s.Variant]).ThenBy(s => s.Replicate).ToList();

        await using (var stream = folder.CreateFile(SummaryFile))
        {
            await SummaryParquetWriter.WriteAsync(stream, summaries, ParquetSchemas.SummaryPartColumns(_scenario), stop.Token).ConfigureAwait(false);
        }
        files.Add(SummaryFile);

        if (_scenario.Uncertainty is { } draws)
        {
            await using (var stream = folder.CreateFile(ReplicateInputs.File))
            {
                await ReplicateInputs.From(draws).WriteAsync(stream, stop.Token).ConfigureAwait(false);
            }
        }

        // Statistics, plots and report come from the files as read back, exactly as 'hcsim plot' and 'hcsim report' (and
        // a rebuild from the folder) see them.
        var metadata = ResultsMetadata.From(_scenario);
        var data = await ResultsData.ReadAsync(folder.TemporaryPath, metadata, withDaily: true, stop.Token).ConfigureAwait(false);
        var statistics = data.Statistics;
        // Independent files: variants.parquet (and the CSV twins, which read it) are written while the plots render.
        var tables = Task.Run(() => WriteTablesAsync(folder, statistics, stop.Token), stop.Token);
        var drawing = Task.Run(() => ResultPlots.WriteAll(data, folder.PathOf), stop.Token);
        await Task.WhenAll(tables, drawing).ConfigureAwait(false);
        var plots = await drawing.ConfigureAwait(false);
        await folder.WriteTextAsync(ReportFile, ReportWriter.Render(data, plots), stop.Token).ConfigureAwait(false);

        // The manifest lists the files in a fixed order, whichever finished first.
        files.Add(VariantsFile);
        if (_scenario.Uncertainty is not null)
        {
            files.Add(ReplicateInputs.File);
        }
        files.AddRange(plots.SelectMany(p => new[] { p.Path, PlotStyle.SvgPath(p.Path) }));
        files.Add(ReportFile);
        files.AddRange(await tables.ConfigureAwait(false));
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
            ReplicateSeeds = summaries.Where(s => s.Variant == _scenario.Variants[0].Name && s.Region == summaries[0].Region).Select(s => s.Seed).ToList(),
            Variants = _scenario.Variants.Select(v => v.Name).ToList(),
            Counterfactual = _scenario.Counterfactual,
            HcsimVersion = _context.HcsimVersion,
            DotnetVersion = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            Threads = _context.Threads,
            ProcessorCount = Environment.ProcessorCount,
            WallSeconds = wallSeconds,
            PeakMemoryBytes = PeakWorkingSet(),
            Runs = PipelineResult.RunCount(summaries),
            RunsReused = consumed.RunsReused,
            PhaseSeconds = consumed.PhaseSeconds,
            CreatedUtc = _context.Clock.GetUtcNow().UtcDateTime,
            Files = files,
            Scenario = metadata,
        };
        var json = JsonSerializer.Serialize(manifest, ResultsMetadata.JsonOptions);
        await folder.WriteTextAsync(ManifestFile, json + "\n", stop.Token).ConfigureAwait(false);

        return new PipelineResult
        {
            Summaries = summaries, Statistics = statistics, Files = files, WallSeconds = wallSeconds, DailyRows = consumed.DailyRows,
            PhaseSeconds = consumed.PhaseSeconds, RunsReused = consumed.RunsReused,
        };
    }

    /// <summary>Writes variants.parquet, then the CSV twins when asked; returns the CSV files' names.</summary>
    private async Task<IReadOnlyList<string>> WriteTablesAsync(OutputFolder folder, IReadOnlyList<VariantStatistic> statistics, CancellationToken cancellationToken)
    {
        await using (var stream = folder.CreateFile(VariantsFile))
        {
            await VariantsParquetWriter.WriteAsync(stream, statistics, cancellationToken).ConfigureAwait(false);
        }
        return _context.Csv ? await CsvExport.WriteAllAsync(folder.PathOf, folder.CreateFile, cancellationToken).ConfigureAwait(false) : [];
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
        var summaries = new List<RunSummary>();
        var reused = 0;
        var phaseSeconds = new SortedDictionary<string, double>(StringComparer.Ordinal);
        long rows;
        var colours = _scenario.Variants[0].Model.Policy.Colours;
        await using (var stream = folder.CreateFile(DailyFile))
        await using (var eventsStream = _context.Details.Events ? folder.CreateFile(DetailParquetWriter.EventsFile) : null)
        await using (var transmissionsStream = _context.Details.Transmissions ? folder.CreateFile(DetailParquetWriter.TransmissionsFile) : null)
        {
            await using var daily = await DailyParquetWriter.CreateAsync(stream, metricColumns, cancellationToken).ConfigureAwait(false);
            await using var events = eventsStream is null ? null
                : await DetailParquetWriter.CreateAsync(eventsStream, events: true, colours, cancellationToken).ConfigureAwait(false);
            await using var transmissions = transmissionsStream is null ? null
                : await DetailParquetWriter.CreateAsync(transmissionsStream, events: false, colours, cancellationToken).ConfigureAwait(false);
            await foreach (var result in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var run in reorder.Add(result))
                {
                    await daily.WriteRunAsync(run, cancellationToken).ConfigureAwait(false);
                    if (events is not null)
                    {
                        await events.WriteRunAsync(run, cancellationToken).ConfigureAwait(false);
                    }
                    if (transmissions is not null)
                    {
                        await transmissions.WriteRunAsync(run, cancellationToken).ConfigureAwait(false);
                    }
                    summaries.AddRange(run.AllRegions.Select(r => r.Summary));
                    reused += run.ReusedFrom is null ? 0 : 1;
                    foreach (var (phase, time) in run.PhaseTimes)
                    {
                        phaseSeconds[phase] = phaseSeconds.GetValueOrDefault(phase) + time.TotalSeconds;
                    }
                }
            }
            rows = daily.RowsWritten;
        }
        return new Consumed(summaries, phaseSeconds, rows, reorder.Released + reorder.Waiting, reused);
    }

    private sealed record Consumed(
        IReadOnlyList<RunSummary> Summaries,
        IReadOnlyDictionary<string, double> PhaseSeconds,
        long DailyRows,
        int RunsReceived,
        int RunsReused);
}
