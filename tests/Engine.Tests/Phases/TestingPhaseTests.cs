using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;

namespace Hcsim.Engine.Tests.Phases;

/// <summary>Detection metrics: positive results counted by the person's infection status on the sampling day.</summary>
public sealed class TestingPhaseTests
{
    [Fact]
    public void Step_PositivesFromEveryStatus_CountsThemBySamplingDayStatus()
    {
        // 0 susceptible, 1 exposed, 2 symptomatic, 3 recovered, 4 susceptible on the sampling day but infected before
        // the result arrives, 5 exposed and not tested. A test that is always positive (sensitivity 1, specificity 0).
        var world = TinyWorlds.Households([6]);
        var state = new SimulationState(world, days: 2, ["green", "yellow", "red"], seed: 5, new ParallelOptions { MaxDegreeOfParallelism = 1 });
        var a = state.Agents;
        DiseaseStage[] stages = [DiseaseStage.Susceptible, DiseaseStage.Exposed, DiseaseStage.Symptomatic, DiseaseStage.Recovered,
            DiseaseStage.Susceptible, DiseaseStage.Exposed];
        stages.CopyTo(a.Stage, 0);
        var lab = new TestLab([new TestKind("pcr", Sensitivity: 1, Specificity: 0, TurnaroundDays: 1, CapacityPerDay: 0)]);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(TestLab.Reserve(a, i), "nobody has a test pending yet");
            lab.Enqueue(i, 0, 0);
        }
        var testing = new TestingPhase(lab);
        var metrics = new MetricsPhase(3);
        testing.Step(state, 0);
        lab.TakeSamples(a, 0, state.Seed);
        metrics.Step(state, 0);
        a.Stage[4] = DiseaseStage.Exposed;

        testing.Step(state, 1);
        metrics.Step(state, 1);
        var summary = RunSummaryBuilder.Build("v", 0, state.Seed, state.Daily, a, state.Records, state.Venues);

        var d = state.Daily;
        Assert.True(d.PositiveTests[1] == 5, $"all five results should be positive, got {d.PositiveTests[1]}");
        Assert.True(d.PositiveTestsNeverInfected[1] == 2, $"0 and 4 were susceptible when sampled, got {d.PositiveTestsNeverInfected[1]}");
        Assert.True(d.PositiveTestsInfected[1] == 2, $"1 and 2 were infected when sampled, got {d.PositiveTestsInfected[1]}");
        Assert.True(d.PositiveTestsRecovered[1] == 1, $"3 was recovered when sampled, got {d.PositiveTestsRecovered[1]}");
        Assert.True(summary.CasesDetected == 2, $"cases_detected should be 2 (people 1 and 2), got {summary.CasesDetected}");
        Assert.True(summary.FalseConfirmations == 2, $"false_confirmations should be 2 (people 0 and 4, by sampling-day status), got {summary.FalseConfirmations}");
        Assert.True(summary.ConfirmationPpv == 2 / 5.0, $"confirmation_ppv should be 2 / 5, got {summary.ConfirmationPpv}");
        Assert.True(summary.NeverInfectedConfinedPerCase == 0, "nobody was confined, so 0 never-infected people confined per case");
    }

    [Fact]
    public void Run_SmallPopulationWithRules_CountsCasesDetectedFromResults()
    {
        // The 2020 rules on 30 people with a perfect test and no transmission: every initial infection that reports
        // fever is tested while infected; nobody never-infected can test positive.
        var model = TinyWorlds.Deterministic2020(days: 30) with { Disease = new DiseaseConfig { InitialInfected = 10, AsymptomaticShare = 0, FeverProbability = 1 } };
        var run = TinyWorlds.Run(TinyWorlds.Households(Enumerable.Repeat(1, 30).ToArray()), model);

        var result = run.Run("v", 0, 0);

        var s = result.Summary;
        Assert.True(s.CasesDetected == 10, $"each of the 10 fevered cases should be confirmed while infected, got {s.CasesDetected}");
        Assert.True(s.FalseConfirmations == 0 && s.ConfirmationPpv == 1, "a perfect test confirms nobody who is not infected");
        Assert.True(result.Daily.PositiveTestsInfected.Sum() == s.PositiveTestsTotal, "every positive result was sampled while infected");
    }
}
