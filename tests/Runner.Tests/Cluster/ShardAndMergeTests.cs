using DuckDB.NET.Data;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Cluster;
using Hcsim.Runner.Output;
using Hcsim.Runner.Tests.Output;

namespace Hcsim.Runner.Tests.Cluster;

/// <summary>A sweep split into shards and merged gives what one machine gives; no Slurm needed.</summary>
public sealed class ShardAndMergeTests : IDisposable
{
    private static readonly string[] Small = ["--set", "population.size=4000", "--set", "days=30", "--set", "replicates=2", "--quiet"];
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async Task<(int Code, string Output, string Error)> Run(string[] args, Func<string, string?>? environment = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, interactive: false) { Environment = environment ?? (_ => null) };
        var code = await Program.RunAsync(args, console);
        return (code, output.ToString(), error.ToString());
    }

    private string Out(string name) => Path.Combine(_temp.Path, name);

    private async Task RunShards(string folder, int count, params int[] indexes)
    {
        foreach (var index in indexes)
        {
            var shard = await Run(["run", "--out", folder, "--shard", $"{index}/{count}", .. Small]);
            Assert.True(shard.Code == ExitCodes.Ok, $"shard {index}/{count} should succeed: {shard.Error}");
        }
    }

    [Fact]
    public async Task Merge_AllShards_WritesFilesIdenticalToASingleMachineRun()
    {
        var single = await Run(["run", "--out", Out("single"), .. Small]);
        Assert.True(single.Code == ExitCodes.Ok, single.Error);
        await RunShards(Out("sweep"), 3, 2, 0, 1);

        var merge = await Run(["merge", Out("sweep"), "--quiet"]);

        Assert.True(merge.Code == ExitCodes.Ok, $"merge should succeed: {merge.Error}");
        foreach (var file in new[] { "daily.parquet", "summary.parquet", "variants.parquet", "report.md", "plots/epidemic.png", "plots/tradeoff.png" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(Out("single"), file)).SequenceEqual(File.ReadAllBytes(Path.Combine(Out("sweep"), file))),
                $"merged {file} should be byte-identical to the single-machine run's");
        }
        Assert.True(File.Exists(Path.Combine(Out("sweep"), "manifest.json")), "merge should write manifest.json");
    }

    [Fact]
    public async Task Merge_AllShards_HasTheSameRowsAsASingleRunInDuckDb()
    {
        var single = await Run(["run", "--out", Out("single"), .. Small]);
        Assert.True(single.Code == ExitCodes.Ok, single.Error);
        await RunShards(Out("sweep"), 2, 0, 1);
        var merge = await Run(["merge", Out("sweep"), "--quiet"]);
        Assert.True(merge.Code == ExitCodes.Ok, merge.Error);

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        foreach (var file in new[] { "daily.parquet", "summary.parquet" })
        {
            command.CommandText = $"""
                SELECT count(*) FROM (
                  (SELECT * FROM '{Path.Combine(Out("single"), file)}' EXCEPT ALL SELECT * FROM '{Path.Combine(Out("sweep"), file)}')
                  UNION ALL
                  (SELECT * FROM '{Path.Combine(Out("sweep"), file)}' EXCEPT ALL SELECT * FROM '{Path.Combine(Out("single"), file)}'))
                """;
            Assert.True(Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0,
                $"every row of {file} should be the same in the merged and the single-machine result");
        }
    }

    [Fact]
    public async Task ShardFolders_ReadByAGlob_AreOneDatasetWithEveryDailyRow()
    {
        var single = await Run(["run", "--out", Out("single"), .. Small]);
        Assert.True(single.Code == ExitCodes.Ok, single.Error);
        await RunShards(Out("sweep"), 3, 0, 1, 2);
        // A shard still running has its files in a temporary folder beside it: the documented glob must skip it.
        var running = Path.Combine(Out("sweep"), "shards", "shard-0001-of-0003.tmp-abc123");
        Directory.CreateDirectory(running);
        await File.WriteAllTextAsync(Path.Combine(running, "daily.parquet"), "half a file");

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT (SELECT count(*) FROM '{Out("sweep")}/shards/shard-*-of-????/daily.parquet'),
                   (SELECT count(*) FROM '{Out("single")}/daily.parquet'),
                   (SELECT count(DISTINCT (variant, replicate)) FROM '{Out("sweep")}/shards/shard-*-of-????/summary.parquet')
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), "the query should return a row");
        Assert.True(reader.GetInt64(0) == reader.GetInt64(1), $"the shards' daily rows ({reader.GetInt64(0)}) should be the single run's ({reader.GetInt64(1)})");
        Assert.True(reader.GetInt64(2) == 8, $"the shards' summaries should hold the 8 runs once each, got {reader.GetInt64(2)}");
    }

    [Fact]
    public async Task Merge_AShardMissing_NamesItAndTheCommandThatRerunsIt()
    {
        await RunShards(Out("sweep"), 3, 0, 2);

        var merge = await Run(["merge", Out("sweep")]);

        Assert.True(merge.Code == ExitCodes.ShardsMissing, $"merge with a shard missing should exit {ExitCodes.ShardsMissing}, got {merge.Code}: {merge.Error}");
        Assert.Contains("shard 1/3 is missing", merge.Error, StringComparison.Ordinal);
        Assert.Contains("--shard 1/3", merge.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("shard 0/3 is missing", merge.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out("sweep"), "daily.parquet")), "nothing should be merged while a shard is missing");
    }

    [Fact]
    public async Task Run_ShardFromSlurmVariables_WritesThatShardOnly()
    {
        var shard = await Run(["run", "--out", Out("sweep"), .. Small],
            name => name switch { "SLURM_ARRAY_TASK_ID" => "1", "SLURM_ARRAY_TASK_COUNT" => "3", _ => null });

        Assert.True(shard.Code == ExitCodes.Ok, shard.Error);
        Assert.True(Directory.Exists(Path.Combine(Out("sweep"), "shards", "shard-0001-of-0003")), "the task's shard folder should be written");
        Assert.False(File.Exists(Path.Combine(Out("sweep"), "daily.parquet")), "a shard should not write the merged files");
        Assert.Contains("from SLURM_ARRAY_TASK_ID=1", shard.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ShardOfAnotherSweepInTheFolder_IsRefused()
    {
        await RunShards(Out("sweep"), 3, 0);

        var other = await Run(["run", "--out", Out("sweep"), "--shard", "1/3", "--seed", "7", .. Small]);

        Assert.True(other.Code == ExitCodes.OutputError, $"a shard of another sweep should be refused with exit 3, got {other.Code}: {other.Error}");
        Assert.Contains("another sweep", other.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_ShardsWithDetailTables_WritesIdenticalEventsAndTransmissions()
    {
        string[] details = ["--events", "--transmissions"];
        var single = await Run(["run", "--out", Out("single"), .. Small, .. details]);
        Assert.True(single.Code == ExitCodes.Ok, single.Error);
        foreach (var index in new[] { 0, 1 })
        {
            var shard = await Run(["run", "--out", Out("sweep"), "--shard", $"{index}/2", .. Small, .. details]);
            Assert.True(shard.Code == ExitCodes.Ok, shard.Error);
        }

        var merge = await Run(["merge", Out("sweep"), "--quiet"]);

        Assert.True(merge.Code == ExitCodes.Ok, merge.Error);
        foreach (var file in new[] { "events.parquet", "transmissions.parquet" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(Out("single"), file)).SequenceEqual(File.ReadAllBytes(Path.Combine(Out("sweep"), file))),
                $"merged {file} should be byte-identical to the single-machine run's");
        }
    }

    [Fact]
    public async Task Run_ShardResume_ReusesTheInterruptedShardsFinishedRunsAndWritesTheSameFiles()
    {
        await RunShards(Out("fresh"), 2, 0);
        var fresh = Path.Combine(Out("fresh"), "shards", "shard-0000-of-0002");
        // An interrupted shard: its temporary folder with the identity and one finished run, as a killed run leaves it.
        var stale = Path.Combine(Out("sweep"), "shards", "shard-0000-of-0002.tmp-killed");
        Directory.CreateDirectory(Path.Combine(stale, "runs"));
        var firstPart = Directory.EnumerateFiles(Path.Combine(fresh, "parts")).Order(StringComparer.Ordinal).First();
        File.Copy(firstPart, Path.Combine(stale, "runs", Path.GetFileName(firstPart)));
        var scenario = Hcsim.Engine.Scenarios.ScenarioLoader.LoadDefault(["population.size=4000", "days=30", "replicates=2"]);
        var identity = new ResumeIdentity
        {
            ScenarioSha256 = ResultsPipeline.Sha256Hex(Hcsim.Engine.Scenarios.DefaultScenario.Text),
            Overrides = ["population.size=4000", "days=30", "replicates=2"],
            Seed = scenario.Seed,
            Replicates = scenario.Replicates,
            Variants = [.. scenario.Variants.Select(v => v.Name)],
            HcsimVersion = Program.Version,
            Details = "--shard 0/2",
        };
        await File.WriteAllTextAsync(Path.Combine(stale, "resume.json"), System.Text.Json.JsonSerializer.Serialize(identity,
            new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower }));

        var resumed = await Run(["run", "--out", Out("sweep"), "--shard", "0/2", "--resume", .. Small]);

        Assert.True(resumed.Code == ExitCodes.Ok, resumed.Error);
        Assert.Contains("1 of 4 runs already finished", resumed.Error, StringComparison.Ordinal);
        var shard = Path.Combine(Out("sweep"), "shards", "shard-0000-of-0002");
        foreach (var file in new[] { "daily.parquet", "summary.parquet" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(fresh, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(shard, file))),
                $"a resumed shard's {file} should be byte-identical to an uninterrupted shard's");
        }
        Assert.False(Directory.Exists(stale), "the interrupted folder should be taken over");
    }

    [Fact]
    public async Task Run_BadShardOption_ExitsTwo()
    {
        var bad = await Run(["run", "--out", Out("x"), "--shard", "3/3", .. Small]);

        Assert.True(bad.Code == ExitCodes.InvalidInput, $"--shard 3/3 should exit 2, got {bad.Code}");
        Assert.Contains("between 0 and 2", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_SweepWithIdenticalPoints_EqualsASingleRunAndBothReuseTheTwinsRuns()
    {
        // Three points repeat an earlier variant (fever-off twice, the baseline once): 6 of the 12 runs are copies.
        var scenario = Path.Combine(_temp.Path, "identical.yaml");
        await File.WriteAllTextAsync(scenario, """
            name: identical
            replicates: 2
            days: 20
            population: {size: 2000}
            policy:
              params: {use_fever: 1, red_days: 14}
              rules:
                - {name: fever, on: fever_report, enabled: use_fever, do: [{set_colour: red}, {isolate: home, days: red_days}]}
                - {name: checkin, on: checkin, colours: [red], do: [{isolate: home, days: 1}]}
            variants:
              - name: fever-off
                set: {policy.params.use_fever: 0}
            sweep:
              policy.params.use_fever: [0, 1]
              policy.params.red_days: [7, 14]
            """);
        var single = await Run(["run", scenario, "--out", Out("single"), "--quiet"]);
        Assert.True(single.Code == ExitCodes.Ok, single.Error);
        foreach (var index in new[] { 0, 1, 2 })
        {
            var shard = await Run(["run", scenario, "--out", Out("sweep"), "--shard", $"{index}/3", "--quiet"]);
            Assert.True(shard.Code == ExitCodes.Ok, $"shard {index}/3 should succeed: {shard.Error}");
        }

        var merge = await Run(["merge", Out("sweep"), "--quiet"]);

        Assert.True(merge.Code == ExitCodes.Ok, $"merge should succeed: {merge.Error}");
        Assert.True(single.Output.Contains("12 runs, 6 reused)", StringComparison.Ordinal),
            $"the run should say 6 of its 12 runs were copied, not simulated: {single.Output}");
        foreach (var folder in new[] { Out("single"), Out("sweep") })
        {
            using var manifest = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json")));
            Assert.True(manifest.RootElement.GetProperty("runs_reused").GetInt32() == 6, $"{folder}/manifest.json should record 6 reused runs");
        }
        foreach (var file in new[] { "daily.parquet", "summary.parquet", "variants.parquet", "report.md" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(Out("single"), file)).SequenceEqual(File.ReadAllBytes(Path.Combine(Out("sweep"), file))),
                $"merged {file} should be byte-identical to the single-machine run's, identical points included");
        }
        var report = await File.ReadAllTextAsync(Path.Combine(Out("single"), "report.md"));
        Assert.True(report.Contains("- `use_fever-1--red_days-14` is identical to `baseline`: runs reused from `baseline`", StringComparison.Ordinal),
            $"the report should say which variant's runs each identical point reuses:\n{report}");
    }

    [Fact]
    public async Task Merge_Csv_WritesTheSingleRunsCsvFilesAndListsThemInTheManifest()
    {
        var single = await Run(["run", "--out", Out("single"), "--csv", .. Small]);
        Assert.True(single.Code == ExitCodes.Ok, single.Error);
        await RunShards(Out("sweep"), 2, 0, 1);

        var merge = await Run(["merge", Out("sweep"), "--quiet", "--csv"]);

        Assert.True(merge.Code == ExitCodes.Ok, $"merge --csv should succeed: {merge.Error}");
        foreach (var file in new[] { "daily.csv", "summary.csv", "variants.csv" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(Out("single"), file)).SequenceEqual(File.ReadAllBytes(Path.Combine(Out("sweep"), file))),
                $"merged {file} should be byte-identical to the single-machine run's");
        }
        var files = CsvExportTests.ManifestFiles(Out("sweep"));
        Assert.True(new[] { "daily.csv", "summary.csv", "variants.csv" }.All(files.Contains),
            $"the merged manifest.json should list the CSV files: {string.Join(", ", files)}");
        Assert.False(Directory.Exists(Path.Combine(Out("sweep"), MergeCommandAction.StagingFolder)), "the staging folder should be gone");
    }
}
