using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Capacity;

/// <summary>Finite central isolation: beds never exceed capacity, overflow goes where the scenario says.</summary>
public sealed class CentralBedsTests
{
    private static int[] Column(SimulationRun run, string name) => run.State.Daily.Columns().Single(c => c.Name == name).Values;

    /// <summary>Five single-person households, everyone with fever on day 0 (so the 2020 fever rule orders central isolation).</summary>
    private static SimulationRun FiveFevers(ModelConfig model)
    {
        var run = Run(Households([1, 1, 1, 1, 1]), model);
        for (var i = 0; i < 5; i++)
        {
            run.State.Agents.FeverEndDay[i] = 1;
        }
        run.SeedInfections();
        return run;
    }

    [Fact]
    public void Admit_TwoBedsFiveOrdersOverflowHome_IsolatesTwoAndSendsThreeHome()
    {
        var run = FiveFevers(Deterministic2020() with { CentralIsolation = new CentralIsolationConfig { Beds = 2, Overflow = "home" } });
        run.RunDay(0);

        var a = run.State.Agents;
        var kinds = Enumerable.Range(0, 5).Select(i => a.ConfinementOn(i, 1)).ToArray();
        Assert.True(kinds.SequenceEqual([ConfinementKind.Central, ConfinementKind.Central, ConfinementKind.Home, ConfinementKind.Home, ConfinementKind.Home]),
            $"the two beds go to the first two people in id order, the rest go home, got [{string.Join(", ", kinds)}]");
        Assert.True(run.State.Daily.QuarantinedCentral[0] == 2, "never more people centrally isolated than beds");
        Assert.True(Column(run, "central_turned_away")[0] == 3, "three orders found no bed");
        Assert.True(Column(run, "central_overflow")[0] == 3, "three people are at home instead of in a bed");
    }

    [Fact]
    public void Admit_TwoBedsOverflowWait_AdmitsWaitersFirstComeFirstServedAsBedsFree()
    {
        // Fever: central isolation for 2 days (no colour change, so nobody leaves the queue by a release).
        var model = Deterministic2020(days: 8) with
        {
            CentralIsolation = new CentralIsolationConfig { Beds = 2, Overflow = "wait" },
            Policy = new PolicyConfig
            {
                Rules =
                [
                    new RuleConfig
                    {
                        Name = "fever", On = "fever_report",
                        Do = [new ActionConfig { SetColour = "red" }, new ActionConfig { Isolate = "central", Days = NumberOrParameter.Of(2) }],
                    },
                ],
            },
        };
        var run = FiveFevers(model);
        var a = run.State.Agents;
        var central = new List<int[]>();
        for (var day = 0; day < 7; day++)
        {
            run.RunDay(day);
            central.Add([.. Enumerable.Range(0, 5).Where(i => a.ConfinementOn(i, day + 1) == ConfinementKind.Central)]);
        }

        Assert.True(central[0].SequenceEqual([0, 1]) && central[1].SequenceEqual([0, 1]), "0 and 1 hold the beds on days 1 and 2");
        Assert.True(a.ConfinementOn(2, 1) == ConfinementKind.None, "a waiting person is not confined");
        Assert.True(central[2].SequenceEqual([2, 3]), $"the beds free on day 3 go to 2 and 3, the first waiting, got [{string.Join(", ", central[2])}]");
        Assert.True(central[4].SequenceEqual([4]), $"then to 4 on day 5, got [{string.Join(", ", central[4])}]");
        Assert.True(run.State.Daily.QuarantinedCentral.Max() <= 2, "never more people centrally isolated than beds");
        int[] expectedOverflow = [3, 3, 1, 1, 0, 0, 0];
        Assert.True(Column(run, "central_overflow").Take(7).SequenceEqual(expectedOverflow),
            $"people waiting at the end of each day, got [{string.Join(", ", Column(run, "central_overflow").Take(7))}]");
    }

    [Fact]
    public void Run_NoCentralIsolationSection_HasUnlimitedBedsAndNoColumns()
    {
        var run = FiveFevers(Deterministic2020());
        run.RunDay(0);

        Assert.True(run.State.Daily.QuarantinedCentral[0] == 5, "without the section every central order is admitted");
        Assert.DoesNotContain("central_overflow", run.State.Daily.Columns().Select(c => c.Name));
    }

    [Fact]
    public void Run_FiniteBeds_SameResultsOnOneOrThreeThreadsAndNeverAboveBeds()
    {
        var model = ScenarioLoader.LoadDefault(["population.size=40000", "days=40", "disease.initial_infected=40",
            "central_isolation.beds=60"]).Variants[0].Model;
        var world = WorldBuilder.Build(model.Population, 3);
        var one = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("v", 0, 0);
        var three = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 3 }).Run("v", 0, 0);

        Assert.True(one.Daily.QuarantinedCentral.Max() == 60, $"the 60 beds should fill, got a peak of {one.Daily.QuarantinedCentral.Max()}");
        Assert.True(one.Daily.Columns().Single(c => c.Name == "central_overflow").Values.Sum() > 0, "some people should overflow");
        foreach (var (x, y) in one.Daily.Columns().Zip(three.Daily.Columns()))
        {
            Assert.True(x.Values.SequenceEqual(y.Values), $"column {x.Name} should not depend on the thread count");
        }
    }
}
