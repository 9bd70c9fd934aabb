using Hcsim.Engine.Agents;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Venues;

/// <summary>The shipped venue-codes scenario, scaled down: its variants do what their descriptions say.</summary>
public sealed class VenueScenarioTests
{
    [Fact]
    public void VenueCodes_SmallCity_FlaggingWindowAndEntryControlShowInTheSummaries()
    {
        var path = Path.Combine(RepositoryRoot(), "scenarios", "venue-codes.yaml");
        var scenario = ScenarioLoader.LoadFile(path, ["population.size=30000", "days=60", "disease.initial_infected=30"]);
        var world = WorldBuilder.Build(scenario.Variants[0].Model.Population, scenario.Seed);
        var summaries = scenario.Variants.ToDictionary(v => v.Name, v =>
            new SimulationRun(world, v.Model, 5, new ParallelOptions { MaxDegreeOfParallelism = 2 }).Run(v.Name, 0, 0).Summary);

        Assert.True(summaries["no-colocation"].RecordsScansConsulted == 0 && summaries["colocation-1-slot"].RecordsScansConsulted > 0,
            "only the variants with co-location flagging consult scans");
        Assert.True(summaries["colocation-4-slots"].RecordsScansConsulted > summaries["colocation-1-slot"].RecordsScansConsulted,
            "a wider window finds more co-visitors per case visit");
        Assert.True(summaries["green-only-entry"].VenueRefusals > 0 && summaries["colocation-1-slot"].VenueRefusals == 0,
            "only green-only entry refuses people");
        Assert.True(summaries["no-codes"].RecordsScans == 0 && summaries["no-codes"].DataRecords == 0 && summaries["no-codes"].VenueVisits > 0,
            "without codes people still visit venues, but nothing is recorded");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Simulator.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("Simulator.sln not found above the test folder");
    }
}
