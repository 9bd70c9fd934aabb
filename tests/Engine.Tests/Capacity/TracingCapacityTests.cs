using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Capacity;

/// <summary>Finite tracers (a backlog that delays tracing) and tracing coverage by layer, under the 2020 rules.</summary>
public sealed class TracingCapacityTests
{
    private static int[] Column(SimulationRun run, string name) => run.State.Daily.Columns().Single(c => c.Name == name).Values;

    private static void MakeSymptomatic(AgentState agents, int agent)
    {
        agents.Stage[agent] = DiseaseStage.Symptomatic;
        agents.InfectedDay[agent] = 0;
        agents.NextStageDay[agent] = 30;
        agents.FeverEndDay[agent] = 30;
    }

    private static SimulationRun Cases(int[] households, int[] cases, TracingConfig? tracing, int days)
    {
        var run = Run(Households(households), Deterministic2020() with { Tracing = tracing });
        foreach (var agent in cases)
        {
            MakeSymptomatic(run.State.Agents, agent);
        }
        run.SeedInfections();
        for (var day = 0; day < days; day++)
        {
            run.RunDay(day);
        }
        return run;
    }

    [Fact]
    public void Trace_CapacityThreeContactsTwoCases_SecondCaseWaitsOneDay()
    {
        // Cases 0 and 4, each with 3 household contacts met on day 0 (isolated from day 1); both positive on day 1.
        var run = Cases([4, 4], [0, 4], new TracingConfig { CapacityPerDay = 3 }, days: 4);
        var a = run.State.Agents;

        // (Both cases keep reporting fever, so each is tested and traced again from day 2: the backlog keeps going.)
        Assert.True(Column(run, "contacts_traced").Take(3).SequenceEqual([0, 3, 3]),
            $"3 contacts a day: case 0's on day 1, case 4's on day 2, got [{string.Join(", ", Column(run, "contacts_traced").Take(3))}]");
        Assert.True(Column(run, "trace_backlog")[1] == 1, "case 4 waits in the backlog at the end of day 1");
        Assert.True(a.ColourSinceDay[1] == 2 && a.Colour[1] == Yellow, "case 0's contacts turn yellow on day 2 (1-day delay)");
        Assert.True(a.ColourSinceDay[5] == 3 && a.Colour[5] == Yellow, "case 4's contacts, traced a day late, turn yellow on day 3");
    }

    [Fact]
    public void Trace_NoCapacityLimit_TracesBothCasesAtOnce()
    {
        var run = Cases([4, 4], [0, 4], new TracingConfig(), days: 3);

        Assert.True(Column(run, "contacts_traced")[1] == 6, "unlimited tracers trace both cases the day they are found");
        Assert.True(run.State.Agents.Colour[5] == Yellow, "case 4's contacts are yellow on day 2");
    }

    [Fact]
    public void Trace_HouseholdCoverageHalf_FindsAboutHalfTheContacts()
    {
        var none = Cases([201], [0], new TracingConfig { Coverage = new TracingCoverageConfig { Household = 0 } }, days: 3);
        var half = Cases([201], [0], new TracingConfig { Coverage = new TracingCoverageConfig { Household = 0.5 } }, days: 3);
        var again = Cases([201], [0], new TracingConfig { Coverage = new TracingCoverageConfig { Household = 0.5 } }, days: 3);

        Assert.True(Enumerable.Range(1, 200).All(i => none.State.Agents.Colour[i] == Green), "coverage 0 finds no household contact");
        var found = Enumerable.Range(1, 200).Count(i => half.State.Agents.Colour[i] == Yellow);
        // Binomial(200, 0.5): sd about 7; 70..130 is more than four of them.
        Assert.True(found is > 70 and < 130, $"about half of 200 contacts should be found, got {found}");
        Assert.True(half.State.Agents.Colour.SequenceEqual(again.State.Agents.Colour), "who is found is a pure function of the seed and ids");
    }

    [Fact]
    public void Run_TracingSectionWithDefaults_ChangesNoResult()
    {
        var without = Cases([4, 4], [0, 4], null, days: 6);
        var with = Cases([4, 4], [0, 4], new TracingConfig(), days: 6);

        Assert.True(without.State.Agents.Colour.SequenceEqual(with.State.Agents.Colour), "unlimited tracers with full coverage are the core tracing");
        Assert.DoesNotContain("contacts_traced", without.State.Daily.Columns().Select(c => c.Name));
    }

    [Fact]
    public void Run_FiniteTracers_SameResultsOnOneOrThreeThreads()
    {
        var model = ScenarioLoader.LoadDefault(["population.size=40000", "days=40", "disease.initial_infected=40",
            "tracing.capacity_per_day=20", "tracing.coverage.work=0.6"]).Variants[0].Model;
        var world = WorldBuilder.Build(model.Population, 3);
        var one = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("v", 0, 0);
        var three = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 3 }).Run("v", 0, 0);

        Assert.True(one.Daily.Columns().Single(c => c.Name == "trace_backlog").Values.Max() > 0, "20 contacts a day should leave a backlog");
        foreach (var (x, y) in one.Daily.Columns().Zip(three.Daily.Columns()))
        {
            Assert.True(x.Values.SequenceEqual(y.Values), $"column {x.Name} should not depend on the thread count");
        }
    }
}
