using Hcsim.Engine.Agents;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Regions;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Regions;

public class BorderTests
{
    /// <summary>An epidemic in 'sick' (codes off, so everyone holds green), heavy travel to 'clean', a border at 'clean'.</summary>
    private static ScenarioVariant TwoRegions(string border, double sensitivity = 1) => ScenarioLoader.Load($"""
        name: borders
        days: 50
        policy:
          enabled: false
        {(border.Contains("pcr", StringComparison.Ordinal) ? $"tests:\n  pcr: {{sensitivity: {sensitivity}, specificity: 1, turnaround_days: 1}}" : "")}
        regions:
          sick:
            population.size: 3000
            disease.initial_infected: 150
          clean:
            population.size: 3000
            disease.initial_infected: 0
        travel:
          flows:
            - {"{"}from: sick, to: clean, trips_per_day: 60{"}"}
          trip_days: {"{"}distribution: fixed, mean_days: 4{"}"}
          contacts_per_day: 8
          beta: 0.05
          borders: [{border}]
        """, "borders.yaml", []).Variants[0];

    private static (RunResult Result, RegionsRun Run) RunOnce(ScenarioVariant variant, ulong seed = 5)
    {
        var worlds = variant.Regions.Select(r => WorldBuilder.Build(r.Model.Population, 1)).ToList();
        var policies = variant.Regions.Select(r => Hcsim.Engine.Simulation.SimulationRun.CompilePolicy(r.Model)).ToList();
        var run = new RegionsRun(variant.Regions, worlds, policies, variant.Model.Days, seed, new ParallelOptions { MaxDegreeOfParallelism = 1 }, travel: true);
        return (run.Run(variant.Name, 0, 0), run);
    }

    private static long Sum(RunResult region, string column) =>
        region.Daily.Columns().Single(c => c.Name == column).Values.Sum(v => (long)v);

    private static TravelPhase TravelOf(RegionsRun run, int region) => run.Runs[region].Phases.OfType<TravelPhase>().Single();

    [Fact]
    public void Departure_GreenAndPerfectPcr_AdmitsNoTravellerInfectedWhenTested()
    {
        var (result, run) = RunOnce(TwoRegions("{to: clean, require: green_pcr, pcr_within_days: 3, trust: ignore}"));

        Assert.True(Sum(result, "travellers_refused") > 0, "infected travellers should be refused by a perfect pre-departure test");
        Assert.True(Sum(result, "trips") > 0, "the uninfected should still travel");
        Assert.Equal(0, TravelOf(run, 0).AdmittedInfectedAtTest);
    }

    [Fact]
    public void Departure_ImperfectPcr_AdmitsSomeTravellersInfectedWhenTested()
    {
        // The check above is not vacuous: with half the sensitivity, infected travellers pass.
        var (_, run) = RunOnce(TwoRegions("{to: clean, require: green_pcr, pcr_within_days: 3, trust: ignore}", sensitivity: 0.5));

        Assert.True(TravelOf(run, 0).AdmittedInfectedAtTest > 0, "a test of sensitivity 0.5 should let some infected travellers through");
    }

    [Fact]
    public void Arrival_QuarantineLongerThanTheTrip_LeavesTravellersWithoutContactsAtTheDestination()
    {
        var (result, _) = RunOnce(TwoRegions("{to: clean, require: quarantine, quarantine_days: 14}"));
        var clean = result.OtherRegions[0];

        Assert.True(Sum(clean, "arrivals_quarantined") > 0, "visitors should be quarantined on arrival");
        Assert.Equal(0, Sum(clean, "visitor_contacts"));
        Assert.Equal(0, Sum(clean, "infections_by_travellers"));
        Assert.Equal(0, clean.Summary.TotalInfections);
        Assert.True(Sum(clean, "arrivals_quarantined_uninfected") > 0, "uninfected arrivals are quarantined too, and counted apart");
        Assert.True(Sum(clean, "arrivals_quarantined_uninfected") <= Sum(clean, "arrivals_quarantined"), "the uninfected are a part of the quarantined arrivals");
    }

    [Fact]
    public void Arrival_NoBorder_TravellersMeetResidentsAndInfectSome()
    {
        var (result, _) = RunOnce(TwoRegions("{to: clean, require: none}"));
        var clean = result.OtherRegions[0];

        Assert.True(Sum(clean, "visitor_contacts") > 0, "visitors without a border should meet residents");
        Assert.True(Sum(clean, "infections_by_travellers") > 0, "and infect some of them");
        Assert.Equal(0, Sum(clean, "arrivals_quarantined"));
    }

    [Fact]
    public void Departure_GreenCodeFromARegionWithoutCodes_RefusesEveryone()
    {
        var (result, _) = RunOnce(TwoRegions("{to: clean, require: green}"));

        Assert.Equal(0, Sum(result, "trips"));
        Assert.True(Sum(result, "travellers_refused") > 0, "nobody in a region without codes can show a green code");
        Assert.True(Sum(result, "border_records") > 0, "each check is a record that crossed the border");
    }

    [Fact]
    public void Departure_Refuse_NobodyTravels()
    {
        var (result, _) = RunOnce(TwoRegions("{to: clean, require: refuse}"));

        Assert.Equal(0, Sum(result, "trips"));
        Assert.Equal(0, Sum(result, "border_records"));
    }
}
