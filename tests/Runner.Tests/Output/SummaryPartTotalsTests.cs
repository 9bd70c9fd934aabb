using Hcsim.Engine.Agents;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;
using Parquet;

namespace Hcsim.Runner.Tests.Output;

/// <summary>The optional summary columns of the testing and capacity parts: derived from their daily columns, present only with the parts.</summary>
public sealed class SummaryPartTotalsTests : IDisposable
{
    private static readonly string[] SmallMassTesting = ["population.size=3000", "days=15"];
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string MassTestingFile()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Simulator.sln")))
        {
            directory = directory.Parent;
        }
        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("Simulator.sln not found"), "scenarios", "mass-testing.yaml");
    }

    private static async Task<(int Code, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(output, error, interactive: false) { Environment = _ => null });
        return (code, error.ToString());
    }

    private static string[] CliSettings() =>
        [.. SmallMassTesting.SelectMany(s => new[] { "--set", s }), "--set", "replicates=2", "--quiet"];

    [Fact]
    public void Summary_PooledMassTesting_SamplesTotalIsTheDailySumAndTubesFewer()
    {
        var scenario = ScenarioLoader.Load(File.ReadAllText(MassTestingFile()), "mass-testing.yaml", [.. SmallMassTesting]);
        var model = scenario.Variants.Single(v => v.Name == "rolling-mass-testing").Model;

        var run = new SimulationRun(WorldBuilder.Build(model.Population, 1), model, 7, new ParallelOptions { MaxDegreeOfParallelism = 1 })
            .Run("rolling-mass-testing", 0, 0);

        double? Total(string name) => run.Summary.PartTotals.Single(t => t.Name == name).Value;
        long Daily(string name) => run.Daily.PartColumns.Single(c => c.Name == name).Values.Sum(v => (long)v);
        Assert.True(Total("samples_total") == Daily("samples") && Daily("samples") > 0, $"samples_total should be the sum of daily samples ({Daily("samples")}), got {Total("samples_total")}");
        Assert.True(Total("tubes_total") < Total("samples_total"), $"pools of 10 should need fewer tubes ({Total("tubes_total")}) than samples ({Total("samples_total")})");
        Assert.True(Total("samples_total_pooled") + Total("samples_total_pcr") == Total("samples_total"), "the kinds' samples should add up to the total");
        Assert.True(Total("test_cost_total") == Daily("test_cost"), "test_cost_total should be the sum of daily test_cost");
        Assert.True(Total("sample_wait_mean_days") == (double)Daily("sample_wait_days") / Daily("samples"), "the mean wait should be the summed waits over the samples");
        Assert.True(Total("sample_wait_max_days") == run.Daily.PartColumns.Single(c => c.Name == "sample_wait_max_days").Values.Max(), "the max wait should be the largest daily max");
    }

    [Fact]
    public void SummaryPartColumns_DefaultScenario_HasOnlyTheTracingYield()
    {
        var scenario = ScenarioLoader.LoadDefault(["population.size=500", "days=5"]);
        var model = scenario.Variants[0].Model;

        var run = new SimulationRun(WorldBuilder.Build(model.Population, 1), model, 3, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("v", 0, 0);

        // The 2020 rules trace contacts, so the contact yield columns are there; no other part is on.
        string[] yieldColumns = ["traced_total", "traced_infected_total", "contact_yield"];
        Assert.True(ParquetSchemas.SummaryPartColumns(scenario).Select(c => c.Name).SequenceEqual(yieldColumns),
            "the default scenario switches no part on but traces contacts, so it has only the contact yield summary columns");
        Assert.True(run.Summary.PartTotals.Select(t => t.Name).SequenceEqual(yieldColumns), "a run of it should carry only the contact yield totals");
    }

    [Fact]
    public void SummaryPartColumns_CapacityParts_HaveOverflowAndBacklog()
    {
        var names = PartTotals.Columns(["central_overflow", "central_turned_away", "contacts_traced", "trace_backlog"]).Select(c => c.Name);

        Assert.Equal(["central_overflow_person_days", "trace_backlog_max"], names);
    }

    [Fact]
    public async Task Merge_MassTestingShards_KeepsThePartTotalsIdenticalToASingleRun()
    {
        var file = MassTestingFile();
        var single = Path.Combine(_temp.Path, "single");
        var sweep = Path.Combine(_temp.Path, "sweep");
        var one = await Run(["run", file, "--out", single, .. CliSettings()]);
        Assert.True(one.Code == ExitCodes.Ok, one.Error);
        foreach (var shard in new[] { "0/2", "1/2" })
        {
            var part = await Run(["run", file, "--out", sweep, "--shard", shard, .. CliSettings()]);
            Assert.True(part.Code == ExitCodes.Ok, part.Error);
        }

        var merge = await Run("merge", sweep, "--quiet");

        Assert.True(merge.Code == ExitCodes.Ok, merge.Error);
        foreach (var name in new[] { "summary.parquet", "variants.parquet" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(single, name)).SequenceEqual(File.ReadAllBytes(Path.Combine(sweep, name))),
                $"merged {name} should be byte-identical to the single-machine run's");
        }
        await using var reader = await ParquetReader.CreateAsync(Path.Combine(single, "summary.parquet"));
        var fields = reader.Schema.GetDataFields().Select(f => f.Name).ToList();
        Assert.True(fields.Contains("samples_total") && fields.Contains("tubes_total_pooled") && fields.Contains("sample_wait_mean_days"),
            $"the mass-testing summary should have the testing columns: {string.Join(", ", fields)}");
        var rows = await SummaryParquetReader.ReadAsync(Path.Combine(single, "summary.parquet"), CancellationToken.None);
        var statistics = VariantStatistics.Compute(["rolling-mass-testing"], null, rows);
        Assert.True(VariantStatistics.Find(statistics, "rolling-mass-testing", "samples_total").Mean > 0, "variants statistics should cover samples_total");
    }

    [Fact]
    public void RunCheckpoint_MassTestingRun_RoundTripsThePartTotals()
    {
        var scenario = ScenarioLoader.Load(File.ReadAllText(MassTestingFile()), "mass-testing.yaml", [.. SmallMassTesting]);
        var model = scenario.Variants.Single(v => v.Name == "rolling-mass-testing").Model;
        var run = new SimulationRun(WorldBuilder.Build(model.Population, 1), model, 7, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("v", 0, 0);
        var json = System.Text.Json.JsonSerializer.Serialize(RunCheckpoint.From(run), Hcsim.Runner.Cluster.ShardWriter.PartJson);

        var back = System.Text.Json.JsonSerializer.Deserialize<RunCheckpoint>(json, Hcsim.Runner.Cluster.ShardWriter.PartJson)!.ToRunResult();

        Assert.NotNull(back);
        Assert.True(back.Summary.PartTotals.Count > 0 && back.Summary == run.Summary, "a saved run (resume, cluster parts) should keep its part totals and equal the summary saved");
    }
}
