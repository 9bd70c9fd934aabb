using Hcsim.Engine.Errors;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Regions;

public class TravelTests
{
    /// <summary>An epidemic in 'sick', none in 'clean'; travel both ways at the given volume.</summary>
    private static Scenario TwoRegions(double tripsPerDay, params string[] overrides) =>
        ScenarioLoader.Load($"""
            name: travel
            days: 60
            replicates: 3
            regions:
              sick:
                population.size: 4000
                disease.initial_infected: 80
              clean:
                population.size: 4000
                disease.initial_infected: 0
            travel:
              flows:
                - {"{"}from: sick, to: clean, trips_per_day: {tripsPerDay}{"}"}
                - {"{"}from: clean, to: sick, trips_per_day: {tripsPerDay}{"}"}
              trip_days: {"{"}distribution: fixed, mean_days: 4{"}"}
              contacts_per_day: 8
              beta: 0.05
            """, "travel.yaml", overrides);

    private static long Sum(RunResult region, string column) =>
        region.Daily.Columns().Single(c => c.Name == column).Values.Take(region.Daily.DaysSimulated).Sum(v => (long)v);

    [Fact]
    public async Task Run_MoreTravel_ImportsMoreInfectionsIntoTheCleanRegion()
    {
        var low = await RegionsRunTests.RunAll(TwoRegions(2), 2);
        var high = await RegionsRunTests.RunAll(TwoRegions(40), 2);

        long Imported(List<RunResult> runs) => runs.Sum(r => Sum(r.OtherRegions[0], "travel_imported_infections"));
        long Infections(List<RunResult> runs) => runs.Sum(r => r.OtherRegions[0].Summary.TotalInfections);
        Assert.True(Imported(high) > Imported(low), $"20x the travel should import more infections into 'clean': {Imported(high)} vs {Imported(low)}");
        Assert.True(Infections(high) > Infections(low), $"and infect more of its residents: {Infections(high)} vs {Infections(low)}");
        Assert.True(Imported(high) > 0, "travel from an epidemic should import infections");
    }

    [Fact]
    public async Task Run_Travel_ColumnsAddUpInEveryRegion()
    {
        var runs = await RegionsRunTests.RunAll(TwoRegions(20), 2);

        foreach (var region in runs.SelectMany(r => r.AllRegions))
        {
            var daily = region.Daily;
            for (var day = 0; day < daily.DaysSimulated; day++)
            {
                // Travellers stay residents of their home region: every region keeps its whole population every day.
                var people = daily.Susceptible[day] + daily.Exposed[day] + daily.Infectious[day] + daily.Recovered[day] + daily.Dead[day];
                Assert.Equal(4000, people);
            }
            // Infections by travellers at home and of travellers abroad count as new infections where the person lives.
            Assert.Equal(region.Summary.TotalInfections, Sum(region, "new_infections"));
            Assert.Equal(Sum(region, "trips"), region.Summary.PartTotals.Single(t => t.Name == "trips_total").Value);
        }
        Assert.True(runs.Sum(r => Sum(r.OtherRegions[0], "infections_by_travellers")) > 0, "visitors from 'sick' should infect residents of 'clean'");
        Assert.True(runs.All(r => Sum(r, "trips") > 0 && Sum(r.OtherRegions[0], "trips") > 0), "both regions should send travellers");
    }

    [Fact]
    public async Task Run_TravelOneThreadOrThree_ProduceIdenticalResults()
    {
        var one = await RegionsRunTests.RunAll(TwoRegions(20), 1);
        var three = await RegionsRunTests.RunAll(TwoRegions(20), 3);

        for (var i = 0; i < one.Count; i++)
        {
            foreach (var (a, b) in one[i].AllRegions.Zip(three[i].AllRegions))
            {
                RegionsRunTests.AssertSameRun(a, b, $"{a.Variant}/{a.Replicate} region {a.Region}");
            }
        }
    }

    [Fact]
    public void Load_TravelWithoutRegions_IsAnError()
    {
        var error = Assert.Throws<ScenarioValidationException>(() =>
            ScenarioLoader.Load("name: t\ntravel:\n  contacts_per_day: 3\n", "t.yaml", []));

        Assert.Contains(error.Errors, e => e.SettingPath == "travel" && e.Message.Contains("needs regions", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_FlowToUnknownRegion_IsAnErrorAtTheFlow()
    {
        var error = Assert.Throws<ScenarioValidationException>(() => TwoRegions(2, "travel.flows=[{from: sick, to: clen, trips_per_day: 3}]"));

        Assert.Contains(error.Errors, e => e.SettingPath == "travel.flows[0].to" && e.Message.Contains("clean", StringComparison.Ordinal));
    }

    /// <summary>Visitors meet nobody in the community (contacts_per_day 0); with venues they meet residents there.</summary>
    private static Scenario VisitorsAtVenues(bool venues) =>
        ScenarioLoader.Load($"""
            name: travel-venues
            days: 40
            replicates: 2
            regions:
              sick:
                population.size: 4000
                disease.initial_infected: 200
              clean:
                population.size: 4000
                disease.initial_infected: 0
            travel:
              flows:
                - {"{"}from: sick, to: clean, trips_per_day: 40{"}"}
              trip_days: {"{"}distribution: fixed, mean_days: 4{"}"}
              contacts_per_day: 0
              beta: 0.05
            {(venues ? "venues:\n  kinds:\n    shop: {per_thousand: 2, visit_probability: 0.9, slots: 2, beta: 0.2, max_contacts: 20}" : "")}
            """, "travel-venues.yaml", []);

    [Fact]
    public async Task Run_VisitorsWithoutCommunityContacts_InfectResidentsOnlyAtVenues()
    {
        var without = await RegionsRunTests.RunAll(VisitorsAtVenues(venues: false), 2);
        var with = await RegionsRunTests.RunAll(VisitorsAtVenues(venues: true), 2);

        long ByTravellers(List<RunResult> runs) => runs.Sum(r => Sum(r.OtherRegions[0], "infections_by_travellers"));
        long Contacts(List<RunResult> runs) => runs.Sum(r => Sum(r.OtherRegions[0], "visitor_contacts"));
        Assert.Equal(0, ByTravellers(without));
        Assert.Equal(0, Contacts(without));
        Assert.True(Contacts(with) > 0, "visitors should meet residents at the destination's venues");
        Assert.True(ByTravellers(with) > 0, $"infectious visitors should infect residents at venues, got {ByTravellers(with)}");
        foreach (var region in with.SelectMany(r => r.AllRegions))
        {
            Assert.Equal(region.Summary.TotalInfections, Sum(region, "new_infections"));
        }
    }

    [Fact]
    public async Task Run_VisitorsAtVenuesOneThreadOrThree_ProduceIdenticalResults()
    {
        var one = await RegionsRunTests.RunAll(VisitorsAtVenues(venues: true), 1);
        var three = await RegionsRunTests.RunAll(VisitorsAtVenues(venues: true), 3);

        for (var i = 0; i < one.Count; i++)
        {
            foreach (var (a, b) in one[i].AllRegions.Zip(three[i].AllRegions))
            {
                RegionsRunTests.AssertSameRun(a, b, $"{a.Variant}/{a.Replicate} region {a.Region}");
            }
        }
    }
}
