using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Scenarios;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

/// <summary>Columns of optional parts in daily.parquet: present when the scenario switches the part on, the same for every variant.</summary>
public sealed class PartColumnTests
{
    private const string Scenario = """
        name: parts
        days: 5
        population: {size: 200}
        variants:
          - name: imported
            set:
              importations.daily_rate: 1
        """;

    [Fact]
    public void DailyMetricColumns_NoImportations_HasNoImportedColumn()
    {
        var columns = ParquetSchemas.DailyMetricColumns(ScenarioLoader.LoadDefault([]));

        Assert.DoesNotContain("imported_infections", columns);
    }

    [Fact]
    public void DailyMetricColumns_ImportationsInTheBase_EndsWithImportedColumn()
    {
        var columns = ParquetSchemas.DailyMetricColumns(ScenarioLoader.LoadDefault(["importations.daily_rate=2"]));

        Assert.True(columns[^1] == "imported_infections", "an optional part's column follows the core columns");
    }

    [Fact]
    public void DailyMetricColumns_OnlyOneVariantImports_IsAScenarioError()
    {
        var scenario = ScenarioLoader.Load(Scenario, "parts.yaml", []);

        var error = Assert.Throws<ScenarioValidationException>(() => ParquetSchemas.DailyMetricColumns(scenario));
        Assert.Contains("importations.daily_rate: 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunCheckpoint_RunWithImportations_RoundTripsThePartColumn()
    {
        var model = ScenarioLoader.LoadDefault(["population.size=500", "days=10", "importations.daily_rate=2"]).Variants[0].Model;
        var run = new SimulationRun(WorldBuilder.Build(model.Population, 1), model, 3, new ParallelOptions { MaxDegreeOfParallelism = 1 })
            .Run("v", 0, 0);

        var back = RunCheckpoint.From(run).ToRunResult();

        Assert.NotNull(back);
        var imported = back.Daily.Columns().Single(c => c.Name == "imported_infections").Values;
        Assert.True(imported.SequenceEqual(run.Daily.Columns().Single(c => c.Name == "imported_infections").Values),
            "a resumed run should keep its optional columns");
    }

    [Fact]
    public async Task Report_DailyWithPartColumns_HasTestsAndCapacityTable()
    {
        var model = ScenarioLoader.LoadDefault(["population.size=2000", "days=20", "importations.daily_rate=2",
            "tests.pcr.capacity_per_day=5", "tests.pcr.cost_per_test=30"]).Variants[0].Model;
        var world = WorldBuilder.Build(model.Population, 1);
        var runs = new[] { 0, 1 }.Select(r =>
            new SimulationRun(world, model, (ulong)(3 + r), new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("v", 0, r)).ToList();
        var scenario = ScenarioLoader.LoadDefault(["population.size=2000", "days=20", "importations.daily_rate=2",
            "tests.pcr.capacity_per_day=5", "tests.pcr.cost_per_test=30"]);
        var path = Path.Combine(Path.GetTempPath(), $"hcsim-parts-{Environment.ProcessId}-{Guid.NewGuid():N}.parquet");
        try
        {
            await using (var stream = File.Create(path))
            {
                await using var writer = await DailyParquetWriter.CreateAsync(stream, ParquetSchemas.DailyMetricColumns(scenario), CancellationToken.None);
                foreach (var run in runs)
                {
                    await writer.WriteRunAsync(run, CancellationToken.None);
                }
            }
            var metadata = new ResultsMetadata
            {
                Name = "parts",
                Replicates = 2,
                BaseSeed = 1,
                Variants = [new VariantInfo { Name = "v", Days = 20, Population = 2000 }],
            };
            var series = await DailySeriesReader.ReadAsync(path, metadata, CancellationToken.None);
            SummaryRow Row(int replicate) => new()
            {
                Variant = "v",
                Replicate = replicate,
                Metrics = ParquetSchemas.MetricColumns.ToImmutableDictionary(c => c.Name, c => (double?)0.5),
            };
            SummaryRow[] rows = [Row(0), Row(1)];
            var data = new ResultsData { Metadata = metadata, Summary = rows, Statistics = VariantStatistics.Compute(["v"], null, rows), Daily = series };

            var report = ReportWriter.Render(data, []);

            var imported = runs.Average(r => r.Daily.Columns().Single(c => c.Name == "imported_infections").Values.Sum());
            Assert.True(report.Contains("## Tests and capacity", StringComparison.Ordinal), $"the report should have the parts' table:\n{report}");
            Assert.True(report.Contains("| imported_infections |", StringComparison.Ordinal) || report.Contains("| imported_infections", StringComparison.Ordinal),
                "the table should have a column per optional daily column");
            Assert.True(series[0].PartTotals["imported_infections"] == imported, $"imported infections: mean of the runs' totals {imported}, got {series[0].PartTotals["imported_infections"]}");
            Assert.True(series[0].PartTotals["test_cost"] == 30 * series[0].PartTotals["tubes"], "cost is 30 a tube");
            var png = Path.ChangeExtension(path, ".png");
            var plot = Hcsim.Runner.Plots.ResultPlots.WriteTests(png, series);
            Assert.True(plot.Path == Hcsim.Runner.Plots.ResultPlots.TestsFile && new FileInfo(png).Length > 0, "the tests plot should be written");
            File.Delete(png);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
