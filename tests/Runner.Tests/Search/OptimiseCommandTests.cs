using Hcsim.Engine.Scenarios;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;
using Hcsim.Runner.Tests.Cli;
using Hcsim.Runner.Tests.Output;
using Parquet;

namespace Hcsim.Runner.Tests.Search;

/// <summary><c>hcsim optimise</c> as a user runs it: outputs, a runnable front.yaml that repeats its objectives, resume, and errors.</summary>
public sealed class OptimiseCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Out(string name) => Path.Combine(_temp.Path, name);

    /// <summary>The default scenario, small, its no-codes counterfactual kept, with a tiny two-objective search.</summary>
    private string Scenario(int generations, int replicates = 2)
    {
        var text = DefaultScenario.Text;
        text = text[..text.IndexOf("  - name: yellow-3-days", StringComparison.Ordinal)]
            .Replace("size: 200000", "size: 1200", StringComparison.Ordinal)
            .Replace("days: 120", "days: 25", StringComparison.Ordinal);
        text += $"""

            search:
              population_size: 4
              generations: {generations}
              replicates: {replicates}
              variables:
                - {"{"}path: policy.params.red_days, min: 3, max: 14, integer: true{"}"}
                - {"{"}path: checkin.probability, min: 0.6, max: 1{"}"}
              objectives:
                - {"{"}metric: infections_averted, direction: maximise{"}"}
                - {"{"}metric: never_infected_confined_person_days, direction: minimise{"}"}
            """;
        var path = Out($"search-{generations}-{replicates}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static Task<(int Code, string Output, string Error)> Run(string[] args, TextWriter? error = null, CancellationToken cancellationToken = default) =>
        CommandRuns.RunAsync(args, error, cancellationToken);

    private static async Task<Dictionary<string, Array>> ReadColumns(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        using var group = reader.OpenRowGroupReader(0);
        var columns = new Dictionary<string, Array>(StringComparer.Ordinal);
        var count = checked((int)group.RowCount);
        foreach (var field in reader.Schema.GetDataFields())
        {
            if (field.ClrType == typeof(int))
            {
                var values = new int[count];
                await group.ReadAsync<int>(field, values);
                columns[field.Name] = values;
            }
            else if (field.ClrType == typeof(bool))
            {
                var values = new bool[count];
                await group.ReadAsync<bool>(field, values);
                columns[field.Name] = values;
            }
            else if (field.IsNullable)
            {
                var values = new double?[count];
                await group.ReadAsync<double>(field, values);
                columns[field.Name] = values;
            }
            else
            {
                var values = new double[count];
                await group.ReadAsync<double>(field, values);
                columns[field.Name] = values;
            }
        }
        return columns;
    }

    [Fact]
    public async Task Optimise_OneGenerationTinySearch_WritesEveryOutput()
    {
        var (code, output, error) = await Run(["optimise", Scenario(generations: 1), "--out", Out("search"), "--threads", "2"]);

        Assert.True(code == ExitCodes.Ok, $"optimise should succeed, stderr: {error}");
        foreach (var file in new[] { "search.parquet", "search.md", "front.yaml", "plots/search-front-infections_averted--never_infected_confined_person_days.png",
            "plots/search-front-infections_averted--never_infected_confined_person_days.svg", "plots/search-values-policy.params.red_days.png",
            "plots/search-values-checkin.probability.svg" })
        {
            Assert.True(new FileInfo(Path.Combine(Out("search"), file)).Length > 0, $"{file} should be written");
        }
        Assert.Contains("generation 0:", error, StringComparison.Ordinal);
        Assert.Contains("front-", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Out("search"), RunCheckpoints.Folder)), "checkpoints are bookkeeping, removed by the commit");
        var columns = await ReadColumns(Path.Combine(Out("search"), "search.parquet"));
        string[] expected = ["generation", "candidate", "policy.params.red_days", "checkin.probability", "infections_averted_mean", "infections_averted_low",
            "infections_averted_high", "never_infected_confined_person_days_mean", "never_infected_confined_person_days_low", "never_infected_confined_person_days_high",
            "replicates", "rank", "crowding", "on_front"];
        Assert.True(columns.Keys.SequenceEqual(expected), $"search.parquet should have the documented columns, got {string.Join(", ", columns.Keys)}");
        Assert.True(columns["candidate"].Length == 4 && ((bool[])columns["on_front"]).Any(f => f), "search.parquet should hold the 4 candidates, some on the front");
        var report = await File.ReadAllTextAsync(Path.Combine(Out("search"), "search.md"));
        Assert.Contains("4 candidate policies evaluated with 2 replicate(s) each", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Optimise_FrontPolicyRerunFromFrontYaml_ReproducesItsObjectivesWithinItsInterval()
    {
        var optimise = await Run(["optimise", Scenario(generations: 1, replicates: 3), "--out", Out("search"), "--quiet"]);
        Assert.True(optimise.Code == ExitCodes.Ok, optimise.Error);

        var run = await Run(["run", Path.Combine(Out("search"), "front.yaml"), "--out", Out("rerun"), "--quiet"]);

        Assert.True(run.Code == ExitCodes.Ok, $"hcsim run should accept front.yaml, stderr: {run.Error}");
        var columns = await ReadColumns(Path.Combine(Out("search"), "search.parquet"));
        var front = Enumerable.Range(0, columns["candidate"].Length).Where(i => ((bool[])columns["on_front"])[i]).ToArray();
        var summary = await SummaryParquetReader.ReadAsync(Path.Combine(Out("rerun"), "summary.parquet"), CancellationToken.None);
        foreach (var i in front)
        {
            var variant = $"front-{((int[])columns["candidate"])[i]}";
            foreach (var metric in new[] { "infections_averted", "never_infected_confined_person_days" })
            {
                var rerun = summary.Where(r => r.Variant == variant).Select(r => r[metric]!.Value).Average();
                var (low, high) = (((double?[])columns[$"{metric}_low"])[i]!.Value, ((double?[])columns[$"{metric}_high"])[i]!.Value);
                Assert.True(rerun >= low - 1e-9 && rerun <= high + 1e-9,
                    $"{variant}'s {metric} re-run from front.yaml should lie within its search interval [{low}, {high}], got {rerun}");
            }
        }
        Assert.True(front.Length > 0, "the front should not be empty");
    }

    [Fact]
    public async Task Optimise_InterruptedThenResumed_WritesTheUninterruptedFiles()
    {
        var scenario = Scenario(generations: 2);
        var whole = await Run(["optimise", scenario, "--out", Out("whole"), "--quiet"]);
        Assert.True(whole.Code == ExitCodes.Ok, whole.Error);

        using var cancel = new CancellationTokenSource();
        using var error = new CommandRuns.CancellingWriter(cancel, "generation 0:");
        var stopped = await Run(["optimise", scenario, "--out", Out("resumed")], error, cancel.Token);
        Assert.True(stopped.Code == ExitCodes.Interrupted, $"the search should stop when cancelled after generation 0, stderr: {stopped.Error}");
        Assert.Contains("--resume", stopped.Error, StringComparison.Ordinal);

        var resumed = await Run(["optimise", scenario, "--out", Out("resumed"), "--resume", "--threads", "1"]);
        Assert.True(resumed.Code == ExitCodes.Ok, resumed.Error);
        Assert.Contains("1 generation(s) already finished", resumed.Error, StringComparison.Ordinal);
        foreach (var file in new[] { "search.parquet", "front.yaml" })
        {
            var expected = await File.ReadAllBytesAsync(Path.Combine(Out("whole"), file));
            var actual = await File.ReadAllBytesAsync(Path.Combine(Out("resumed"), file));
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{file} of the resumed search should equal the uninterrupted one's");
        }
    }

    [Fact]
    public async Task Optimise_ScenarioWithoutSection_ExitsWithInvalidInput()
    {
        var path = Out("plain.yaml");
        File.WriteAllText(path, DefaultScenario.Text.Replace("size: 200000", "size: 1000", StringComparison.Ordinal));

        var (code, _, error) = await Run(["optimise", path, "--out", Out("none")]);

        Assert.True(code == ExitCodes.InvalidInput && error.Contains("search", StringComparison.Ordinal),
            $"a scenario without a search section is invalid input for optimise, stderr: {error}");
        Assert.False(Directory.Exists(Out("none")), "nothing should be written");
    }
}
