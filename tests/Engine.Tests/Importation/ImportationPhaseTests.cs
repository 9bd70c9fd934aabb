using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Importation;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Importation;

/// <summary>Infections arriving from outside: counts, who, columns, and the part being off by default.</summary>
public sealed class ImportationPhaseTests
{
    private static World Singles(int n) => Households(Enumerable.Repeat(1, n).ToArray());

    private static int[] Column(RunResult result, string name) =>
        result.Daily.Columns().Single(c => c.Name == name).Values;

    [Fact]
    public void Run_FixedRateHalf_ImportsOneEverySecondDayWithinTheWindow()
    {
        var model = Deterministic2020(days: 12) with
        {
            Importations = new ImportationsConfig { DailyRate = 0.5, Distribution = "fixed", StartDay = 2, EndDay = 9 },
        };
        var result = Run(Singles(200), model).Run("v", 0, 0);

        int[] expected = [0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0];
        Assert.True(Column(result, "imported_infections").SequenceEqual(expected),
            $"0.5 a day, fractions carried over, from day 2 to day 9: got [{string.Join(", ", Column(result, "imported_infections"))}]");
        Assert.True(result.Daily.NewInfections.SequenceEqual(expected), "without transmission new_infections are the imported ones");
        Assert.True(result.Summary.TotalInfections == 4, $"4 people should have been infected, got {result.Summary.TotalInfections}");
    }

    [Fact]
    public void Run_Schedule_InfectsThatManySusceptiblePeopleOnTheDay()
    {
        var model = Deterministic2020(days: 6) with
        {
            Importations = new ImportationsConfig { Schedule = [new ImportationDayConfig { Day = 3, Count = 5 }] },
        };
        var run = Run(Singles(50), model);
        var result = run.Run("v", 0, 0);

        Assert.True(Column(result, "imported_infections")[3] == 5, "five infections are scheduled on day 3");
        Assert.True(Column(result, "imported_infections").Sum() == 5, "and on no other day");
        var infected = Enumerable.Range(0, 50).Count(i => run.State.Agents.Stage[i] != DiseaseStage.Susceptible);
        Assert.True(infected == 5, $"five distinct people should be infected, got {infected}");
        Assert.True(Enumerable.Range(0, 50).Where(i => run.State.Agents.Stage[i] != DiseaseStage.Susceptible)
            .All(i => run.State.Agents.InfectedDay[i] == 3), "all of them infected on day 3");
    }

    [Fact]
    public void Run_MoreImportsThanSusceptibles_InfectsEveryoneAndStops()
    {
        var model = Deterministic2020(days: 3) with
        {
            Importations = new ImportationsConfig { Schedule = [new ImportationDayConfig { Day = 0, Count = 50 }] },
        };
        var result = Run(Singles(10), model).Run("v", 0, 0);

        Assert.True(Column(result, "imported_infections")[0] == 10, "only the 10 susceptible people can be infected");
    }

    [Fact]
    public void Poisson_ManyDays_AveragesTheRate()
    {
        var count = new ImportationCount(new ImportationsConfig { DailyRate = 2.5 });
        var days = Enumerable.Range(0, 3000).Select(d => count.On(d, 17)).ToArray();
        var mean = days.Average();
        var variance = days.Select(x => (x - mean) * (x - mean)).Average();

        // 3000 days (end_day defaults to 3650): the standard error of the mean is sqrt(2.5 / 3000) = 0.029; 0.12 is four of them.
        Assert.True(Math.Abs(mean - 2.5) < 0.12, $"the daily mean should be near 2.5, got {mean}");
        Assert.True(Math.Abs(variance - 2.5) < 0.3, $"a Poisson count's variance equals its mean, got {variance}");
    }

    [Fact]
    public void SimulationRun_NoImportationsSection_HasNoPartNorColumn()
    {
        var run = Run(Singles(5), Deterministic2020());

        Assert.DoesNotContain("importation", run.Phases.Select(p => p.Name));
        Assert.DoesNotContain("imported_infections", run.State.Daily.Columns().Select(c => c.Name));
        // The 2020 rules trace contacts, so only the contact yield columns (traced, traced_infected) are there.
        Assert.Equal(Hcsim.Engine.Tracing.TracingYield.Columns, SimulationRun.PartColumns(Deterministic2020()));
    }

    [Fact]
    public void Run_ImportationsWithTransmission_SameResultsOnOneOrThreeThreads()
    {
        var model = ScenarioLoader.LoadDefault(["population.size=40000", "days=40", "disease.initial_infected=0",
            "importations.daily_rate=3"]).Variants[0].Model;
        var world = WorldBuilder.Build(model.Population, 3);
        var one = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("v", 0, 0);
        var three = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 3 }).Run("v", 0, 0);

        Assert.True(Column(one, "imported_infections").Sum() > 60, "about 3 a day for 40 days should arrive");
        Assert.True(one.Daily.NewInfections.Sum() > Column(one, "imported_infections").Sum(), "imported infections should transmit");
        foreach (var (a, b) in one.Daily.Columns().Zip(three.Daily.Columns()))
        {
            Assert.True(a.Values.SequenceEqual(b.Values), $"column {a.Name} should not depend on the thread count");
        }
        Assert.Equal(one.Summary, three.Summary);
    }
}
