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

    private async Task<string> RunToFolder(Hcsim.Engine.Scenarios.Scenario scenario, IReadOnlyList<RunResult> order, string name)
    {
        var target = Path.Combine(_temp.Path, name);
        using var folder = OutputFolder.Create(target, force: false);
        await new ResultsPipeline(scenario, SyntheticRuns.Context()).RunAsync(folder, async (writer, token) =>
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
