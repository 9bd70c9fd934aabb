using DuckDB.NET.Data;
using Hcsim.Engine.Scenarios;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Tests.Output;

namespace Hcsim.Runner.Tests.Regions;

/// <summary>A multi-region scenario through the whole runner: region rows in every table, shards and merge, compare.</summary>
public sealed class RegionOutputTests : IDisposable
{
    private static readonly string[] Small = ["--set", "days=25", "--set", "replicates=2", "--quiet"];
    private readonly TempDirectory _temp = new();

    public RegionOutputTests()
    {
        File.WriteAllText(ScenarioPath, DefaultScenario.Text + """

            regions:
              east:
                population.size: 3000
                disease.initial_infected: 12
              west:
                population.size: 2000
                disease.initial_infected: 4
            """);
    }

    public void Dispose() => _temp.Dispose();

    private string ScenarioPath => Path.Combine(_temp.Path, "regions.yaml");

    private string Out(string name) => Path.Combine(_temp.Path, name);

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(output, error, interactive: false) { Environment = _ => null });
        return (code, output.ToString(), error.ToString());
    }

    private static object? Scalar(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public async Task Run_TwoRegions_WritesOneRowSetPerRegionInEveryTable()
    {
        var run = await Run(["run", ScenarioPath, "--out", Out("a"), .. Small]);
        Assert.True(run.Code == ExitCodes.Ok, run.Error);
        var variants = ScenarioLoader.LoadFile(ScenarioPath, []).Variants.Length;

        var daily = Path.Combine(Out("a"), "daily.parquet");
        var summary = Path.Combine(Out("a"), "summary.parquet");
        Assert.Equal((long)variants * 2 * 2 * 25, Scalar($"SELECT count(*) FROM '{daily}'"));
        Assert.Equal((long)variants * 2, Scalar($"SELECT count(*) FROM '{summary}' WHERE region = 'east'"));
        Assert.Equal((long)variants * 2, Scalar($"SELECT count(*) FROM '{summary}' WHERE region = 'west'"));
        Assert.Equal(2000, Scalar($"SELECT DISTINCT population FROM '{summary}' WHERE region = 'west'"));
        // Each region's summary is derived from its own daily rows: its total confinement adds up from them.
        Assert.Equal(0L, Scalar($"""
            SELECT count(*) FROM '{summary}' s JOIN (SELECT variant, replicate, region, sum(quarantined_home + quarantined_central) AS q
              FROM '{daily}' GROUP BY ALL) d USING (variant, replicate, region) WHERE s.quarantine_person_days <> d.q
            """));
        Assert.Equal(2L, Scalar($"SELECT count(DISTINCT region) FROM '{Path.Combine(Out("a"), "variants.parquet")}'"));
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Out("a"), "manifest.json")));
        Assert.Equal(variants * 2, manifest.RootElement.GetProperty("runs").GetInt32());
        Assert.Equal(2, manifest.RootElement.GetProperty("replicate_seeds").GetArrayLength());
        Assert.Contains($"{variants * 2} runs", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_TwoRegionsInShards_IsByteIdenticalToOneRun()
    {
        var single = await Run(["run", ScenarioPath, "--out", Out("single"), .. Small]);
        Assert.True(single.Code == ExitCodes.Ok, single.Error);
        foreach (var index in new[] { 1, 0 })
        {
            var shard = await Run(["run", ScenarioPath, "--out", Out("sharded"), "--shard", $"{index}/2", .. Small]);
            Assert.True(shard.Code == ExitCodes.Ok, shard.Error);
        }

        var merge = await Run(["merge", Out("sharded"), "--quiet"]);

        Assert.True(merge.Code == ExitCodes.Ok, merge.Error);
        foreach (var file in new[] { "daily.parquet", "summary.parquet", "variants.parquet" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(Out("single"), file)).SequenceEqual(File.ReadAllBytes(Path.Combine(Out("sharded"), file))),
                $"merged {file} should be byte-identical to the single run's, region rows included");
        }
    }

    [Fact]
    public async Task Run_TravelScenario_ReportComparesBordersByRegionAndDrawsTheTravelPlots()
    {
        var scenario = Path.Combine(_temp.Path, "travel.yaml");
        File.WriteAllText(scenario, """
            name: travel
            days: 30
            replicates: 2
            regions:
              sick: {population.size: 2000, disease.initial_infected: 60}
              clean: {population.size: 2000, disease.initial_infected: 0}
            travel:
              flows: [{from: sick, to: clean, trips_per_day: 30}]
            variants:
              - name: quarantine
                set:
                  travel.borders: [{to: clean, require: quarantine, quarantine_days: 14}]
            """);

        var run = await Run(["run", scenario, "--out", Out("t"), "--quiet"]);

        Assert.True(run.Code == ExitCodes.Ok, run.Error);
        var report = File.ReadAllText(Path.Combine(Out("t"), "report.md"));
        Assert.Contains("## Regions and borders", report, StringComparison.Ordinal);
        Assert.Contains("### Region `clean`", report, StringComparison.Ordinal);
        Assert.Contains("traveller_quarantine_person_days", report, StringComparison.Ordinal);
        foreach (var plot in new[] { "plots/imported-infections.png", "plots/imported-vs-quarantine.png" })
        {
            Assert.True(new FileInfo(Path.Combine(Out("t"), plot)).Length > 0, $"{plot} should be drawn for a scenario with travel");
        }
        var summary = Path.Combine(Out("t"), "summary.parquet");
        Assert.True(Convert.ToInt64(Scalar($"SELECT CAST(sum(traveller_quarantine_person_days) AS BIGINT) FROM '{summary}' WHERE variant = 'quarantine' AND region = 'clean'"), System.Globalization.CultureInfo.InvariantCulture) > 0,
            "visitors to 'clean' should spend days in arrival quarantine");
        Assert.Equal(0L, Convert.ToInt64(Scalar($"SELECT CAST(sum(traveller_quarantine_person_days) AS BIGINT) FROM '{summary}' WHERE variant = 'baseline'"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Compare_TwoRegionFolders_ComparesRegionByRegion()
    {
        var a = await Run(["run", ScenarioPath, "--out", Out("a"), .. Small]);
        Assert.True(a.Code == ExitCodes.Ok, a.Error);

        var compare = await Run(["compare", Out("a"), Out("a")]);

        Assert.True(compare.Code == ExitCodes.Ok, compare.Error);
        Assert.Contains("region east", compare.Output, StringComparison.Ordinal);
        Assert.Contains("region west", compare.Output, StringComparison.Ordinal);
    }
}
