using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.MassTesting;

/// <summary>Mass testing rounds: schedule, who is tested, participation, and results reaching the rules.</summary>
public sealed class MassTestingPhaseTests
{
    private static int[] Ordered(SimulationRun run) => run.State.Daily.Columns().Single(c => c.Name == "mass_tests_ordered").Values;

    private static SimulationRun RunDays(World world, MassTestingRoundConfig round, int days)
    {
        var run = Run(world, Deterministic2020(days: days) with { MassTesting = [round] });
        run.SeedInfections();
        for (var day = 0; day < days; day++)
        {
            run.RunDay(day);
        }
        return run;
    }

    [Fact]
    public void Step_EveryThreeDaysEveryone_TestsEveryoneOnTheRoundDays()
    {
        var run = RunDays(Households([2, 3]), new MassTestingRoundConfig { Kind = "pcr", EveryDays = 3, StartDay = 1 }, days: 8);

        Assert.True(Ordered(run).SequenceEqual([0, 5, 0, 0, 5, 0, 0, 5]), $"all 5 people on days 1, 4 and 7, got [{string.Join(", ", Ordered(run))}]");
        Assert.True(run.State.Daily.Tests[2] == 5, "a round's samples are taken the day it runs and reported after the 1-day turnaround");
    }

    [Fact]
    public void Step_ListedDaysAgeBand_TestsOnlyThatBandOnThoseDays()
    {
        var world = World.FromParts([10, 30, 70, 40], [4], [-1, -1, -1, -1], [-1, -1, -1, -1], []);
        var run = RunDays(world, new MassTestingRoundConfig { Kind = "pcr", Days = [2, 5], MinAge = 20, MaxAge = 60 }, days: 6);

        Assert.True(Ordered(run).SequenceEqual([0, 0, 2, 0, 0, 2]), $"ages 30 and 40 on days 2 and 5, got [{string.Join(", ", Ordered(run))}]");
        Assert.True(run.State.Agents.LastTest[0] == TestOutcome.None && run.State.Agents.LastTest[2] == TestOutcome.None, "the child and the 70-year-old are never tested");
    }

    [Fact]
    public void Step_ColoursYellowOnly_SkipsGreenPeople()
    {
        var model = Deterministic2020(days: 2) with { MassTesting = [new MassTestingRoundConfig { Kind = "pcr", Colours = ["yellow"] }] };
        var run = Run(Households([3]), model);
        run.State.Agents.Colour[1] = Yellow;
        run.SeedInfections();
        run.RunDay(0);

        Assert.True(Ordered(run)[0] == 1, "only the yellow person is tested");
        Assert.True(run.State.Agents.PendingTestResultDay[1] == 1, "their sample is taken on day 0");
    }

    [Fact]
    public void Step_ParticipationHalf_TestsAboutHalfAndTheSamePeopleForTheSameSeed()
    {
        var round = new MassTestingRoundConfig { Kind = "pcr", Participation = 0.5 };
        var world = Households(Enumerable.Repeat(1, 1000).ToArray());
        var a = RunDays(world, round, days: 1);
        var b = RunDays(world, round, days: 1);

        // Binomial(1000, 0.5): sd about 16; 430..570 is more than four of them.
        Assert.True(Ordered(a)[0] is > 430 and < 570, $"about half of 1000 should take part, got {Ordered(a)[0]}");
        Assert.True(a.State.Agents.PendingTestResultDay.SequenceEqual(b.State.Agents.PendingTestResultDay), "who takes part is a pure function of seed, day and person");
    }

    [Fact]
    public void Run_RoundFindsAnInfection_ResultReachesTheRules()
    {
        var model = Deterministic2020(days: 3) with { MassTesting = [new MassTestingRoundConfig { Kind = "pcr", Days = [0] }] };
        var run = Run(Households([2]), model);
        run.State.Agents.Stage[0] = DiseaseStage.Exposed;
        run.State.Agents.NextStageDay[0] = 100;
        run.SeedInfections();
        run.RunDay(0);
        run.RunDay(1);

        Assert.True(run.State.Agents.Colour[0] == Red, "the 2020 positive-test rule turns a mass-test positive red");
        Assert.True(run.State.Agents.Colour[1] == Green, "a negative person stays green");
    }

    [Fact]
    public void Run_NoRounds_HasNoPartNorColumn()
    {
        var run = Run(Households([2]), Deterministic2020());

        Assert.DoesNotContain("mass_testing", run.Phases.Select(p => p.Name));
        Assert.DoesNotContain("mass_tests_ordered", run.State.Daily.Columns().Select(c => c.Name));
    }

    [Fact]
    public void Load_RoundWithUnknownKindAndColour_AreLocatedErrors()
    {
        const string yaml = """
            name: rounds
            mass_testing:
              - {kind: antigen, colours: [blue]}
            """;

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(yaml, "rounds.yaml", []));
        Assert.Contains("mass_testing[0].kind", error.Message, StringComparison.Ordinal);
        Assert.Contains("mass_testing[0].colours[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RollingRoundsWithCapacity_SameResultsOnOneOrThreeThreads()
    {
        var model = ScenarioLoader.LoadDefault(["population.size=30000", "days=30", "disease.initial_infected=30",
            "tests.pcr.capacity_per_day=5000"]).Variants[0].Model with
        {
            MassTesting = [new MassTestingRoundConfig { Kind = "pcr", EveryDays = 3, Participation = 0.8 }],
        };
        var world = WorldBuilder.Build(model.Population, 3);
        var one = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("v", 0, 0);
        var three = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 3 }).Run("v", 0, 0);

        foreach (var (x, y) in one.Daily.Columns().Zip(three.Daily.Columns()))
        {
            Assert.True(x.Values.SequenceEqual(y.Values), $"column {x.Name} should not depend on the thread count");
        }
    }

    [Fact]
    public void Run_CodesOff_RoundsOrderNothing()
    {
        var model = Deterministic2020(days: 3) with
        {
            Policy = new PolicyConfig { Enabled = false },
            MassTesting = [new MassTestingRoundConfig { Kind = "pcr" }],
        };
        var run = Run(Households([3]), model);
        run.SeedInfections();
        run.RunDay(0);

        Assert.True(Ordered(run)[0] == 0, "without codes nothing takes samples, so rounds order none");
        Assert.True(run.State.Agents.PendingTestResultDay.All(d => d == AgentState.Never), "nobody is left waiting for a sample");
    }
}
