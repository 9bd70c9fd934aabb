using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Xunit.Abstractions;

namespace Hcsim.Engine.Tests.Validation;

/// <summary>
/// Check 5: the headline metrics mean what their names say, on the default scenario at 20,000 people for 100 days
/// with settings under which the right answer is known exactly.
/// </summary>
public class HeadlineMetricTests(ITestOutputHelper output)
{
    private const ulong ScenarioSeed = 20200211;

    private static ModelConfig Baseline(params string[] overrides) =>
        ScenarioLoader.LoadDefault(["population.size=20000", "days=100", "disease.initial_infected=20", .. overrides]).Variants[0].Model;

    private static RunResult Run(ModelConfig model) =>
        new SimulationRun(WorldBuilder.Build(model.Population, ScenarioSeed), model, CounterRng.ReplicateSeed(ScenarioSeed, 0),
            new ParallelOptions { MaxDegreeOfParallelism = 2 }).Run("v", 0, 0);

    private static ModelConfig WithoutActions(ModelConfig model, Func<ActionConfig, bool> drop) => model with
    {
        Policy = model.Policy with { Rules = [.. model.Policy.Rules.Select(rule => rule with { Do = [.. rule.Do.Where(a => !drop(a))] })] },
    };

    // No background fever: a fever report comes only from an infection. Specificity 1: a positive result only from an
    // infected person. No tracing: nobody is flagged for having met someone. So nobody never infected is ever flagged,
    // and the share must be exactly 0. Cases stay red for 14 healthy checks after their fever ends, mostly while
    // recovered; the old definition (susceptible or recovered) counted those days as false positives.
    [Fact]
    public void Run_PerfectTestNoBackgroundFeverNoTracing_HasZeroFalsePositiveShare()
    {
        var model = WithoutActions(Baseline("background_illness.daily_rate=0", "tests.pcr.specificity=1"), a => a.Trace is not null);

        var s = Run(model).Summary;
        var oldShare = (double)(s.NeverInfectedFlaggedPersonDays + s.RecoveredFlaggedPersonDays) / s.FlaggedPersonDays;
        output.WriteLine($"perfect test, no background fever, no tracing: flagged person-days {s.FlaggedPersonDays} " +
            $"(never infected {s.NeverInfectedFlaggedPersonDays}, infected {s.InfectedFlaggedPersonDays}, recovered {s.RecoveredFlaggedPersonDays}); " +
            $"false_positive_share {s.FalsePositiveShare}; the old definition (susceptible or recovered) would give {oldShare:F3}");

        Assert.True(s.FlaggedPersonDays > 0 && s.RecoveredFlaggedPersonDays > 0, "the epidemic should flag people, and keep some flagged after recovery");
        Assert.True(s.FalsePositiveShare == 0, $"false_positive_share should be exactly 0 when no false positive is possible, was {s.FalsePositiveShare}");
        Assert.True(s.FalseConfirmations == 0 && s.ConfirmationPpv == 1, "a perfectly specific test confirms only infected people");
        Assert.True(s.NeverInfectedConfinedPersonDays == 0 && s.NeverInfectedConfined == 0, "nobody never infected is confined");
    }

    // No infection at all: everyone flagged is flagged for a background fever (or a false positive PCR), never infected.
    [Fact]
    public void Run_BackgroundFeverOnly_HasFalsePositiveShareOne()
    {
        var model = Baseline("disease.initial_infected=0");

        var s = Run(model).Summary;
        output.WriteLine($"background fever only: flagged person-days {s.FlaggedPersonDays}, false_positive_share {s.FalsePositiveShare}, " +
            $"never_infected_confined_person_days {s.NeverInfectedConfinedPersonDays}, false_confirmations {s.FalseConfirmations}, cases_detected {s.CasesDetected}");

        Assert.True(s.FlaggedPersonDays > 0, "background fevers should flag people");
        Assert.True(s.FalsePositiveShare == 1, $"false_positive_share should be exactly 1 without infections, was {s.FalsePositiveShare}");
        Assert.True(s.NeverInfectedConfinedPersonDays == s.QuarantinePersonDays, "all confinement is of never-infected people");
        Assert.True(s.CasesDetected == 0 && s.NeverInfectedConfinedPerCase is null && s.ConfirmationPpv is 0.0 or null,
            "no case can be detected, so per-case ratios are undefined and no positive result is a true one");
    }

    // A policy that sets colours, tests and traces but confines nobody: a colour alone cuts no contacts, so every
    // infectious person-day is a missed one.
    [Fact]
    public void Run_FlagWithoutIsolating_CountsEveryInfectiousDayAsMissed()
    {
        var model = WithoutActions(Baseline(), a => a.Isolate is not null);

        var result = Run(model);
        var s = result.Summary;
        long infectiousDays = 0;
        for (var d = 0; d < result.Daily.DaysSimulated; d++)
        {
            infectiousDays += result.Daily.Infectious[d];
        }
        output.WriteLine($"flag without isolating: infectious person-days {infectiousDays}, missed {s.MissedPersonDays}, " +
            $"infectious and unflagged {s.InfectiousUnflaggedPersonDays}, flagged person-days {s.FlaggedPersonDays}");

        Assert.True(s.FlaggedPersonDays > 0 && s.QuarantinePersonDays == 0, "the policy should flag people and confine nobody");
        Assert.True(s.MissedPersonDays > 0 && s.MissedPersonDays == infectiousDays,
            $"with nobody confined every infectious person-day is missed: {s.MissedPersonDays} should equal {infectiousDays}");
        Assert.True(s.InfectiousUnflaggedPersonDays < s.MissedPersonDays, "flagged infectious people are missed too, though not unflagged");
    }
}
