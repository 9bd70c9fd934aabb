using Hcsim.Engine.Search;

namespace Hcsim.Engine.Tests.Search;

/// <summary>The honest front keeps candidates whose difference is within replicate noise and drops the clearly dominated.</summary>
public sealed class HonestFrontTests
{
    private static readonly SearchObjectiveConfig[] Objectives =
    [
        new() { Metric = "infections_averted", Direction = SearchObjectiveConfig.Maximise },
        new() { Metric = "never_infected_confined_person_days", Direction = SearchObjectiveConfig.Minimise },
    ];

    private static SearchCandidate Candidate(int id, double[] averted, double[] confined) => new()
    {
        Generation = 0,
        Index = id,
        Id = id,
        Values = [id],
        Samples = [[.. averted], [.. confined]],
    };

    [Fact]
    public void Find_EqualUpToNoise_KeepsBoth()
    {
        // b's means are a little better in both objectives, but replicate by replicate the differences change sign.
        var a = Candidate(0, [100, 120, 90, 110], [500, 520, 480, 510]);
        var b = Candidate(1, [104, 116, 96, 108], [498, 523, 476, 505]);

        var front = HonestFront.Find([a, b], Objectives);

        Assert.True(front[0] && front[1], "two candidates equal up to replicate noise should both stay on the front");
        Assert.True(Nsga2.Dominates(b.MinimisedBy(Objectives), a.MinimisedBy(Objectives)), "by the means alone b dominates a, which the honest front does not trust");
    }

    [Fact]
    public void Find_ClearlyDominated_Dropped()
    {
        var a = Candidate(0, [100, 120, 90, 110], [500, 520, 480, 510]);
        var worse = Candidate(1, [80, 101, 70, 92], [600, 615, 590, 605]);
        var tradeOff = Candidate(2, [150, 170, 140, 160], [900, 930, 880, 910]);

        var front = HonestFront.Find([a, worse, tradeOff], Objectives);

        Assert.True(front[0] && !front[1] && front[2],
            $"a clearly dominated candidate should be dropped and a trade-off kept, got [{string.Join(", ", front)}]");
    }

    [Fact]
    public void Dominates_BetterInOneWorseInAnother_IsNoDomination()
    {
        var a = Candidate(0, [100, 120, 90, 110], [500, 520, 480, 510]);
        var b = Candidate(1, [150, 170, 140, 160], [900, 930, 880, 910]);

        Assert.False(HonestFront.Dominates(b, a, Objectives) || HonestFront.Dominates(a, b, Objectives), "a trade-off dominates neither way");
    }

    [Fact]
    public void Find_UndefinedObjective_OffTheFront()
    {
        var a = Candidate(0, [100, double.NaN], [500, 520]);
        var b = Candidate(1, [10, 12], [900, 930]);

        var front = HonestFront.Find([a, b], Objectives);

        Assert.True(!front[0] && front[1], "a candidate with an undefined objective mean should be off the front");
    }

    [Fact]
    public void Assess_RanksAllCandidates_ByMeans()
    {
        var a = Candidate(0, [100, 120], [500, 520]);
        var b = Candidate(1, [50, 60], [700, 720]);

        var assessed = SearchAssessment.Assess([a, b], Objectives);

        Assert.True(assessed[0].Rank == 0 && assessed[1].Rank == 1 && double.IsPositiveInfinity(assessed[0].Crowding) && !assessed[1].OnFront,
            "the dominated candidate should have rank 1 and leave the front");
    }
}
