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
}
