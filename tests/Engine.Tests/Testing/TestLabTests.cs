using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Testing;

/// <summary>Test kinds in the lab: capacity queues, their waits, costs and sensitivity by day since infection.</summary>
public sealed class TestLabTests
{
    private static (AgentState Agents, DailyMetrics Daily) People(int n, int days)
    {
        var daily = new DailyMetrics(days, ["green"]);
        return (new AgentState(n), daily);
    }

    [Fact]
    public void TakeSamplesAndResults_DaysOfTheSameSizeAfterTheFirst_AllocateNothing()
    {
        var (agents, daily) = People(40, 10);
        var kinds = new[]
        {
            new TestKind("pcr", Sensitivity: 1, Specificity: 1, TurnaroundDays: 1, CapacityPerDay: 0, CostPerTest: 30),
            new TestKind("pooled", Sensitivity: 1, Specificity: 1, TurnaroundDays: 1, CapacityPerDay: 0, CostPerTest: 30, PoolSize: 5),
        };
        var lab = new TestLab(kinds, TestLabColumns.AddTo(daily, kinds));
        agents.Stage[3] = DiseaseStage.Exposed;
        agents.InfectedDay[3] = 0;
        long bytes = 0;
        for (var day = 1; day < 8; day++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            // As the testing phase does: the results arrive, so these people may be tested again.
            if (lab.TakeResults(day) is { } results)
            {
                foreach (var result in results)
                {
                    agents.PendingTestResultDay[result.Agent] = AgentState.Never;
                }
                lab.Recycle(results);
            }
            for (var agent = 0; agent < 40; agent++)
            {
                if (TestLab.Reserve(agents, agent))
                {
                    lab.Enqueue(agent, agent % 2, day);
                }
            }
            lab.TakeSamples(agents, day, 3);
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // Result and retest lists are reused once taken; the waiting count is summed without LINQ.
        Assert.True(bytes == 0, $"a day like the one before should allocate nothing, allocated {bytes} B");
    }

    [Fact]
    public void TakeSamples_CapacityTwo_ServesFirstComeFirstServedWithExactWaits()
    {
        var (agents, daily) = People(6, 4);
        var kind = new TestKind("pcr", Sensitivity: 1, Specificity: 1, TurnaroundDays: 1, CapacityPerDay: 2, CostPerTest: 30);
        var columns = TestLabColumns.AddTo(daily, [kind]);
        var lab = new TestLab([kind], columns);
        // Orders on day 0 in the order 4, 2, 0, 5, 1; on day 1 person 3.
        foreach (var agent in new[] { 4, 2, 0, 5, 1 })
        {
            Assert.True(TestLab.Reserve(agents, agent), "nobody has a test pending yet");
            lab.Enqueue(agent, 0, 0);
        }
        lab.TakeSamples(agents, 0, 1);
        TestLab.Reserve(agents, 3);
        lab.Enqueue(3, 0, 1);
        lab.TakeSamples(agents, 1, 1);
        lab.TakeSamples(agents, 2, 1);
        lab.TakeSamples(agents, 3, 1);

        int[] resultDay = [agents.PendingTestResultDay[4], agents.PendingTestResultDay[2], agents.PendingTestResultDay[0],
            agents.PendingTestResultDay[5], agents.PendingTestResultDay[1], agents.PendingTestResultDay[3]];
        Assert.True(resultDay.SequenceEqual([1, 1, 2, 2, 3, 3]), $"two samples a day in order of the orders (4, 2 | 0, 5 | 1, 3), got results on [{string.Join(", ", resultDay)}]");
        Assert.True(columns.Samples.SequenceEqual([2, 2, 2, 0]), $"samples by day, got [{string.Join(", ", columns.Samples)}]");
        Assert.True(columns.WaitDays.SequenceEqual([0, 2, 3, 0]), $"waits: 0+0, 1+1, 2 (person 1) + 1 (person 3), got [{string.Join(", ", columns.WaitDays)}]");
        Assert.True(columns.WaitMaxDays.SequenceEqual([0, 1, 2, 0]), $"longest waits, got [{string.Join(", ", columns.WaitMaxDays)}]");
        Assert.True(columns.Waiting.SequenceEqual([3, 2, 0, 0]), $"queue at the end of each day, got [{string.Join(", ", columns.Waiting)}]");
        Assert.True(columns.Cost.SequenceEqual([60, 60, 60, 0]), $"30 a sample, got [{string.Join(", ", columns.Cost)}]");
        Assert.True(columns.SamplesByKind[0].SequenceEqual(columns.Samples), "one kind: its samples are all samples");
    }

    [Fact]
    public void TakeSamples_SensitivityByDay_FollowsTheTableAndKeepsItsLastValue()
    {
        // Table [0, 1, 0.5 -> 0]: found only on the day after infection. People infected 0, 1, 2 and 7 days before sampling.
        var (agents, _) = People(4, 10);
        var kind = new TestKind("pcr", Sensitivity: 1, Specificity: 1, TurnaroundDays: 1, CapacityPerDay: 0, SensitivityByDay: [0, 1, 0]);
        var lab = new TestLab([kind]);
        int[] infectedDaysAgo = [0, 1, 2, 7];
        for (var i = 0; i < 4; i++)
        {
            agents.Stage[i] = DiseaseStage.Exposed;
            agents.InfectedDay[i] = (ushort)(8 - infectedDaysAgo[i]);
            TestLab.Reserve(agents, i);
            lab.Enqueue(i, 0, 8);
        }
        lab.TakeSamples(agents, 8, 1);
        var positive = lab.TakeResults(9)!.OrderBy(r => r.Agent).Select(r => r.Positive).ToArray();

        Assert.True(positive.SequenceEqual([false, true, false, false]),
            $"only the person infected 1 day before sampling is found, got [{string.Join(", ", positive)}]");
    }

    [Fact]
    public void SensitivityOn_BuiltInPcrCurve_IsZeroAtInfectionAndPeaksNearDayEight()
    {
        var pcr = TestLab.KindsOf(Deterministic2020() with
        {
            Tests = ImmutableDictionary<string, TestKindConfig>.Empty.Add("pcr", new TestKindConfig { SensitivityCurve = "pcr" }),
        })[0];

        Assert.True(pcr.SensitivityOn(0) == 0, "nothing is found on the day of infection");
        Assert.True(pcr.SensitivityOn(8) == SensitivityCurves.Pcr.Max(), "PCR finds most on day 8 (Kucirka et al. 2020)");
        Assert.True(pcr.SensitivityOn(100) == SensitivityCurves.Pcr[^1], "days beyond the table keep its last value");
        Assert.True(SensitivityCurves.Antigen.Zip(SensitivityCurves.Pcr).All(p => p.First <= p.Second), "antigen never beats PCR");
    }

    [Fact]
    public void Run_FlatKindWithoutCapacity_HasNoLabColumns()
    {
        var run = Run(Households([2]), Deterministic2020());

        Assert.DoesNotContain("samples", run.State.Daily.Columns().Select(c => c.Name));
        // The 2020 rules trace contacts, so only the contact yield columns (traced, traced_infected) are there.
        Assert.Equal(Hcsim.Engine.Tracing.TracingYield.Columns, SimulationRun.PartColumns(Deterministic2020()));
    }

    [Fact]
    public void Run_CurveAndCapacity_SameResultsOnOneOrThreeThreads()
    {
        var model = ScenarioLoader.LoadDefault(["population.size=40000", "days=40", "disease.initial_infected=40",
            "tests.pcr.capacity_per_day=30", "tests.pcr.sensitivity_curve=pcr", "tests.pcr.cost_per_test=50"]).Variants[0].Model;
        var world = WorldBuilder.Build(model.Population, 3);
        var one = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("v", 0, 0);
        var three = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 3 }).Run("v", 0, 0);

        var samples = one.Daily.Columns().Single(c => c.Name == "samples").Values;
        Assert.True(samples.Max() == 30, $"the capacity of 30 a day should bind on some day, got a maximum of {samples.Max()}");
        Assert.True(one.Daily.Columns().Single(c => c.Name == "sample_wait_max_days").Values.Max() > 0, "with the capacity binding some samples wait");
        Assert.True(one.Daily.Columns().Single(c => c.Name == "test_cost").Values.Sum() == 50 * samples.Sum(), "each sample costs 50");
        foreach (var (a, b) in one.Daily.Columns().Zip(three.Daily.Columns()))
        {
            Assert.True(a.Values.SequenceEqual(b.Values), $"column {a.Name} should not depend on the thread count");
        }
    }

    [Fact]
    public void Load_CurveAndOwnTable_IsALocatedError()
    {
        const string yaml = """
            name: both
            tests:
              pcr: {sensitivity_curve: pcr, sensitivity_by_day: [0, 0.5, 0.9]}
            """;

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(yaml, "both.yaml", []));
        Assert.Contains("tests.pcr.sensitivity_by_day", error.Message, StringComparison.Ordinal);
        Assert.Contains("both.yaml:3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KindNamedWaiting_IsAnErrorNamingTheColumn()
    {
        const string yaml = """
            name: waiting
            tests:
              waiting: {capacity_per_day: 10}
            """;

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(yaml, "waiting.yaml", []));
        Assert.Contains("samples_waiting", error.Message, StringComparison.Ordinal);
    }
}
