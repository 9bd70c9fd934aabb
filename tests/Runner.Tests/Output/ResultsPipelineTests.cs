using System.Text.Json;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Metrics;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

public sealed class ResultsPipelineTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_ShuffledCompletionOrder_WritesSameParquetBytesAsInOrder()
    {
        var scenario = SyntheticRuns.Scenario(variants: 3, replicates: 3, days: 5);
        var inOrder = SyntheticRuns.All(scenario);
        var shuffled = inOrder.OrderByDescending(r => r.Replicate).ThenBy(r => (r.VariantIndex * 2) % 3).ToList();

        var a = await RunToFolder(scenario, inOrder, "in-order");
        var b = await RunToFolder(scenario, shuffled, "shuffled");

        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "daily.parquet")), File.ReadAllBytes(Path.Combine(b, "daily.parquet")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "summary.parquet")), File.ReadAllBytes(Path.Combine(b, "summary.parquet")));
    }

    [Fact]
    public async Task RunAsync_AllRuns_WritesEveryDocumentedFile()
    {
        var scenario = SyntheticRuns.Scenario(variants: 2, replicates: 2, days: 30);
        var target = await RunToFolder(scenario, SyntheticRuns.All(scenario), "full");

        string[] expected =
        [
            "daily.parquet", "summary.parquet", "report.md", "manifest.json",
            "plots/epidemic.png", "plots/quarantine.png", "plots/data-collected.png", "plots/colours-no_codes.png", "plots/colours-codes_2020.png",
        ];
        foreach (var file in expected)
        {
            Assert.True(File.Exists(Path.Combine(target, file)), $"{file} should be written");
        }
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(target, "manifest.json")));
        var root = manifest.RootElement;
        Assert.Equal("synthetic", root.GetProperty("scenario_name").GetString());
        Assert.Equal(4, root.GetProperty("runs").GetInt32());
        Assert.Equal(2, root.GetProperty("replicate_seeds").GetArrayLength());
        Assert.Equal(0.04, root.GetProperty("phase_seconds").GetProperty("transmission").GetDouble(), 9);
        Assert.Contains("manifest.json", root.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.True(root.GetProperty("peak_memory_bytes").GetInt64() > 0, "peak memory should be measured");

        var report = File.ReadAllText(Path.Combine(target, "report.md"));
        Assert.Contains("![", report, StringComparison.Ordinal);
        Assert.Contains("(plots/epidemic.png)", report, StringComparison.Ordinal);
        Assert.Contains("| attack_rate |", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ProducerFails_PropagatesItsErrorAndLeavesNoTemporaryFolder()
    {
        var scenario = SyntheticRuns.Scenario(variants: 2, replicates: 2, days: 3);
        var runs = SyntheticRuns.All(scenario);
        var target = Path.Combine(_temp.Path, "results");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "previous results");

        await Assert.ThrowsAsync<SimulationInvariantException>(async () =>
        {
            using var folder = OutputFolder.Create(target, force: true);
            await new ResultsPipeline(scenario, SyntheticRuns.Context()).RunAsync(folder, async (writer, token) =>
            {
                await writer.WriteAsync(runs[1], token);
                await writer.WriteAsync(runs[0], token);
                throw new SimulationInvariantException("synthetic engine failure");
            }, CancellationToken.None);
            folder.Commit();
        });

        Assert.Equal(["results"], _temp.Entries());
        Assert.Equal("previous results", File.ReadAllText(Path.Combine(target, "old.txt")));
    }

    [Fact]
    public async Task RunAsync_ProducerDeliversTooFewRuns_ThrowsInvariantException()
    {
        var scenario = SyntheticRuns.Scenario(variants: 1, replicates: 2, days: 3);
        var runs = SyntheticRuns.All(scenario);
        using var folder = OutputFolder.Create(Path.Combine(_temp.Path, "results"), force: false);

        var error = await Assert.ThrowsAsync<SimulationInvariantException>(() =>
            new ResultsPipeline(scenario, SyntheticRuns.Context()).RunAsync(folder, (writer, token) => writer.WriteAsync(runs[0], token).AsTask(), CancellationToken.None));

        Assert.Contains("1 of 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WriterFails_CancelsProducerAndReportsWriteError()
    {
        var scenario = SyntheticRuns.Scenario(variants: 1, replicates: 2, days: 3);
        // A run whose daily table has a different number of days than the schema expects makes the writer fail.
        var bad = SyntheticRuns.Run(scenario.Variants[0].Name, 0, 0, days: 3) with { Daily = new DailyMetrics(3, ["green"]) };
        using var folder = OutputFolder.Create(Path.Combine(_temp.Path, "results"), force: false);

        await Assert.ThrowsAsync<OutputWriteException>(() =>
            new ResultsPipeline(scenario, SyntheticRuns.Context(threads: 1)).RunAsync(folder, async (writer, token) =>
            {
                await writer.WriteAsync(bad, token);
                // An engine that keeps producing: only cancellation can stop it once the writer is gone.
                while (true)
                {
                    await writer.WriteAsync(SyntheticRuns.Run(scenario.Variants[0].Name, 0, 1, 3), token);
                }
            }, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_TablesWrittenWhilePlotsRender_ManifestListsExactlyTheFolderFilesInFixedOrder()
    {
        var scenario = SyntheticRuns.Scenario(variants: 2, replicates: 2, days: 20);
        var target = await RunToFolder(scenario, SyntheticRuns.All(scenario), "listed", SyntheticRuns.Context() with { Csv = true });

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(target, "manifest.json")));
        var listed = manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
        var present = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(target, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.True(present.SequenceEqual(listed.Order(StringComparer.Ordinal)),
            $"the manifest should list exactly the files in the folder; listed [{string.Join(", ", listed)}], present [{string.Join(", ", present)}]");
        var plots = listed.Where(f => f.StartsWith("plots/", StringComparison.Ordinal)).ToList();
        string[] expected =
        [
            "daily.parquet", "summary.parquet", "variants.parquet", .. plots, "report.md", "daily.csv", "summary.csv", "variants.csv", "manifest.json",
        ];
        Assert.True(expected.SequenceEqual(listed), $"the manifest should list tables, plots, report, CSV twins, manifest in that order; got [{string.Join(", ", listed)}]");
        Assert.True(plots.Count >= 8 && plots[0] == "plots/tradeoff.png" && plots[1] == "plots/tradeoff.svg",
            $"the plots should be listed in the report's order, each PNG before its SVG twin; got [{string.Join(", ", plots)}]");
    }

    [Fact]
    public async Task RunAsync_OutputsWrittenInParallel_SameBytesAsEachFileWrittenAloneFromTheFolder()
    {
        var scenario = SyntheticRuns.Scenario(variants: 3, replicates: 2, days: 15);
        var target = await RunToFolder(scenario, SyntheticRuns.All(scenario), "parallel", SyntheticRuns.Context() with { Csv = true });
        var alone = Path.Combine(_temp.Path, "alone");
        Directory.CreateDirectory(alone);

        // One file at a time, from the committed folder's own daily and summary tables, as 'hcsim plot', 'hcsim report'
        // and 'hcsim export --csv' would write them.
        var metadata = ResultsMetadata.ReadManifest(target);
        var data = await ResultsData.ReadAsync(target, metadata, withDaily: true, CancellationToken.None);
        await using (var stream = File.Create(Path.Combine(alone, "variants.parquet")))
        {
            await VariantsParquetWriter.WriteAsync(stream, data.Statistics, CancellationToken.None);
        }
        var plots = Hcsim.Runner.Plots.ResultPlots.WriteAll(data, relative =>
        {
            var path = Path.Combine(alone, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return path;
        });
        File.WriteAllText(Path.Combine(alone, "report.md"), ReportWriter.Render(data, plots));
        foreach (var table in new[] { "daily", "summary", "variants" })
        {
            await using var output = File.Create(Path.Combine(alone, table + ".csv"));
            await CsvExport.ConvertAsync(Path.Combine(table == "variants" ? alone : target, table + ".parquet"), output, CancellationToken.None);
        }

        var compared = Directory.EnumerateFiles(alone, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(alone, f)).ToList();
        Assert.True(compared.Count >= 14, $"every table, plot, report and CSV twin should be compared; only {compared.Count} were");
        foreach (var file in compared)
        {
            if (file.EndsWith(".svg", StringComparison.Ordinal))
            {
                Assert.True(SvgWithoutClipIds(Path.Combine(alone, file)) == SvgWithoutClipIds(Path.Combine(target, file)),
                    $"{file} written while other outputs were written should be the same picture as written alone");
                continue;
            }
            Assert.True(File.ReadAllBytes(Path.Combine(alone, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(target, file))),
                $"{file} written while other outputs were written should have the same bytes as written alone");
        }
    }

    /// <summary>An SVG's text with Skia's clip-path ids (numbered by a counter shared by the whole process) renumbered in order of appearance.</summary>
    private static string SvgWithoutClipIds(string path)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), "cl_[0-9a-f]+",
            m => "clip" + (ids.TryGetValue(m.Value, out var n) ? n : ids[m.Value] = ids.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<string> RunToFolder(Hcsim.Engine.Scenarios.Scenario scenario, IReadOnlyList<RunResult> order, string name, RunContext? context = null)
    {
        var target = Path.Combine(_temp.Path, name);
        using var folder = OutputFolder.Create(target, force: false);
        await new ResultsPipeline(scenario, context ?? SyntheticRuns.Context()).RunAsync(folder, async (writer, token) =>
        {
            foreach (var run in order)
            {
                await writer.WriteAsync(run, token);
            }
        }, CancellationToken.None);
        folder.Commit();
        return target;
    }

}
