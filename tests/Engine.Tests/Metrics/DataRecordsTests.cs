using Hcsim.Engine.Agents;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Metrics;

/// <summary>The data a policy collects (records_* columns, people_looked_up), counted by hand on tiny worlds.</summary>
public sealed class DataRecordsTests
{
    [Fact]
    public void Run_HalfOfPeopleCheckIn_RecordsEveryCheckInCountedByHand()
    {
        var model = Deterministic2020(days: 6) with { Checkin = new CheckInConfig { Probability = 0.5, FeverReportProbability = 1 } };
        var run = Run(Households([3, 4, 5, 8]), model);
        var agents = run.State.Agents;
        run.SeedInfections();
        var byHand = 0;
        for (var day = 0; day < model.Days; day++)
        {
            run.RunDay(day);
            byHand += Enumerable.Range(0, agents.Size).Count(i => agents.CheckInDay[i] == AgentState.Day(day));
        }

        var s = run.Result("v", 0, 0).Summary;

        Assert.True(byHand is > 0 and < 20 * 6, $"the test needs some check-ins and some missed ones, got {byHand}");
        Assert.True(s.RecordsCheckins == byHand, $"records_checkins should be {byHand} (counted by hand), got {s.RecordsCheckins}");
        Assert.True(s.RecordsTests == 0 && s.RecordsContactsConsulted == 0 && s.PeopleLookedUp == 0, "nobody fell ill, so nobody was tested or traced");
        Assert.True(s.DataRecords == byHand, $"data_records should be the check-ins alone, {byHand}, got {s.DataRecords}");
    }

    [Fact]
    public void Run_PolicyOff_RecordsNoCheckIns()
    {
        var model = Deterministic2020(days: 5);
        model = model with { Policy = model.Policy with { Enabled = false } };

        var s = Run(Households([2, 3]), model).Run("v", 0, 0).Summary;

        Assert.True(s.RecordsCheckins == 0 && s.DataRecords == 0, $"without a health code no check-in is recorded, got {s.RecordsCheckins}");
    }

    [Fact]
    public void Run_OneConfirmedCase_CountsItsTestAndTheContactsTracingRead()
    {
        // Households {0, 1} and {2, 3}; 0 and 2 share a workplace (every pair meets at work). Agent 0 has fever from day
        // 0 on: red and central isolation from day 1. Staff find the fever every day, so a PCR is sampled every day
        // (the previous result having arrived): 4 samples on days 0..3. Each positive result (days 1, 2, 3) traces the
        // last 3 days of household, work and school: agent 0 met 1 (household) and 2 (work) on day 0 only, so the
        // traces of days 1 and 2 read 2 records each and that of day 3 (days 1..3) none.
        var world = World.FromParts([30, 30, 30, 30], [2, 2], [0, -1, 0, -1], [-1, -1, -1, -1], []);
        var model = Deterministic2020(days: 4);
        var run = RunWithFeverCase(world, model);
        var agents = run.State.Agents;
        for (var day = 0; day < model.Days; day++)
        {
            run.RunDay(day);
        }

        var s = run.Result("v", 0, 0).Summary;

        Assert.True(agents.Colour[1] == Yellow && agents.Colour[2] == Yellow, "agents 1 and 2 should have been traced");
        Assert.True(s.RecordsTests == 4, $"four PCR samples of agent 0 (days 0..3) should be recorded, got {s.RecordsTests}");
        Assert.True(s.RecordsContactsConsulted == 4, $"tracing should read 2 + 2 + 0 contact records, got {s.RecordsContactsConsulted}");
        Assert.True(s.PeopleLookedUp == 1, $"only agent 0's contacts were consulted, got {s.PeopleLookedUp}");
        Assert.True(s.RecordsCheckins == 16, $"all 4 people check in (or are checked by staff) on each of 4 days, got {s.RecordsCheckins}");
        Assert.True(s.DataRecords == 16 + 4 + 4, $"data_records should be 16 check-ins + 4 tests + 4 contacts, got {s.DataRecords}");
    }

    [Fact]
    public void Run_OneThreadAndFour_CollectTheSameRecords()
    {
        // Large enough for several check-in chunks and trace chunks; the baseline policy traces.
        var model = ScenarioLoader.LoadDefault(["population.size=70000", "days=30", "disease.initial_infected=300"]).Variants[0].Model;
        var world = WorldBuilder.Build(model.Population, 3);
        var one = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("v", 0, 0).Summary;
        var four = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 4 }).Run("v", 0, 0).Summary;

        Assert.True(one.RecordsContactsConsulted > 0 && one.PeopleLookedUp > 0 && one.RecordsTests > 0, "the run should test and trace");
        Assert.True(one == four, $"the summary, data records included, should not depend on thread count: {one} vs {four}");
    }
}
