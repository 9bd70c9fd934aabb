using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Disease;

public class NaturalHistoryTests
{
    private static DurationConfig Fixed(int days) => new() { Distribution = "fixed", MeanDays = days, SdDays = 0 };

    private static List<DiseaseStage> StagesByDay(DiseaseConfig disease, int days)
    {
        var model = TinyWorlds.Deterministic2020(days) with { Disease = disease with { InitialInfected = 1 } };
        var run = TinyWorlds.Run(TinyWorlds.Households([1]), model);
        run.SeedInfections();
        var stages = new List<DiseaseStage>();
        for (var day = 0; day < days; day++)
        {
            run.RunDay(day);
            stages.Add(run.State.Agents.Stage[0]);
        }
        return stages;
    }

    [Fact]
    public void Advance_FixedDurations_SpendsExactlyThoseDaysInEachStage()
    {
        var disease = new DiseaseConfig
        {
            LatentDays = Fixed(3),
            PresymptomaticDays = Fixed(2),
            SymptomaticDays = Fixed(5),
            AsymptomaticShare = 0,
            DeathProbability = 0,
        };

        var stages = StagesByDay(disease, 14);

        // Infected on day 0: exposed on days 0-2, presymptomatic 3-4, symptomatic 5-9, recovered from day 10.
        DiseaseStage[] expected =
        [
            DiseaseStage.Exposed, DiseaseStage.Exposed, DiseaseStage.Exposed,
            DiseaseStage.Presymptomatic, DiseaseStage.Presymptomatic,
            DiseaseStage.Symptomatic, DiseaseStage.Symptomatic, DiseaseStage.Symptomatic, DiseaseStage.Symptomatic, DiseaseStage.Symptomatic,
            DiseaseStage.Recovered, DiseaseStage.Recovered, DiseaseStage.Recovered, DiseaseStage.Recovered,
        ];
        Assert.Equal(expected, stages);
    }

    [Fact]
    public void Advance_AsymptomaticCourseWithDeath_NeverHasFeverAndRecovers()
    {
        var disease = new DiseaseConfig { LatentDays = Fixed(2), AsymptomaticDays = Fixed(4), AsymptomaticShare = 1, DeathProbability = 1 };
        var stages = StagesByDay(disease, 8);
        Assert.Equal([DiseaseStage.Exposed, DiseaseStage.Exposed, .. Enumerable.Repeat(DiseaseStage.Asymptomatic, 4), DiseaseStage.Recovered, DiseaseStage.Recovered], stages);
    }

    [Fact]
    public void Advance_SymptomaticWithFeverAndDeath_HasFeverDuringSymptomsThenDies()
    {
        var state = new AgentState(1);
        var history = new NaturalHistory(new DiseaseConfig
        {
            LatentDays = Fixed(1), PresymptomaticDays = Fixed(1), SymptomaticDays = Fixed(3),
            AsymptomaticShare = 0, FeverProbability = 1, DeathProbability = 1,
        });
        history.Infect(state, 0, day: 0, seed: 1);
        history.Advance(state, 0, day: 1, seed: 1);
        history.Advance(state, 0, day: 2, seed: 1);
        Assert.True(state.FeverEndDay[0] == 5, "fever should last the 3 symptomatic days 2, 3 and 4");
        history.Advance(state, 0, day: 5, seed: 1);
        Assert.Equal(DiseaseStage.Dead, state.Stage[0]);
    }

    [Fact]
    public void DurationTable_Gamma_HasTheConfiguredMeanWithinRounding()
    {
        var table = new DurationTable(new DurationConfig { Distribution = "gamma", MeanDays = 8, SdDays = 3 });
        // Rounding to whole days (with at least 1 day) moves the mean by a few hundredths at most for this shape.
        Assert.InRange(table.MeanDays, 7.9, 8.1);
        var draws = Enumerable.Range(0, 20000).Select(i => table.Sample((i + 0.5) / 20000)).ToArray();
        Assert.InRange(draws.Average(), 7.9, 8.1);
        Assert.True(draws.Min() >= 1, "durations are at least one day");
    }
}
