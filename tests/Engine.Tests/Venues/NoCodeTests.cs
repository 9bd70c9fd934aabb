using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Venues;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Venues;

/// <summary>People without a smartphone: no code, no check-ins, no scans; the has_code fact; the no_code door rule.</summary>
public sealed class NoCodeTests
{
    private static readonly ImmutableArray<AgeShareConfig> NobodyAtThirty = [new AgeShareConfig { MinAge = 30, MaxAge = 30, Share = 1 }];

    [Fact]
    public void CodeHolders_ShareByAge_DrawsAboutThatShareAndTheSamePeopleEachTime()
    {
        var world = World.FromParts([.. Enumerable.Range(0, 4000).Select(i => (byte)(i % 2 == 0 ? 70 : 30))], [.. Enumerable.Repeat(1, 4000)],
            [.. Enumerable.Repeat(-1, 4000)], [.. Enumerable.Repeat(-1, 4000)], []);
        ImmutableArray<AgeShareConfig> oldPeople = [new AgeShareConfig { MinAge = 65, MaxAge = 120, Share = 0.4 }];

        var a = CodeHolders.Of(world, oldPeople, 3);
        var b = CodeHolders.Of(world, oldPeople, 3);

        Assert.True(Enumerable.Range(0, 4000).Where(i => i % 2 == 1).All(a.Has), "nobody aged 30 lacks a code");
        Assert.True(a.WithoutCode is > 700 and < 900, $"about 40 % of the 2,000 people aged 70 should lack a code, got {a.WithoutCode}");
        Assert.True(Enumerable.Range(0, 4000).All(i => a.Has(i) == b.Has(i)), "the same people lack a code for the same seed");
    }

    [Fact]
    public void Run_NobodyHasACode_NobodyChecksInAndHasCodeIsFalse()
    {
        var model = Deterministic2020(days: 3);
        model = model with
        {
            Checkin = model.Checkin with { NoSmartphoneShareByAge = NobodyAtThirty },
            Policy = model.Policy with
            {
                Rules = [new RuleConfig { Name = "paper-people", On = "daily", When = "!has_code", Do = [new ActionConfig { SetColour = "yellow" }] }],
            },
        };

        var run = Run(Households([2, 3]), model);
        var s = run.Run("v", 0, 0).Summary;

        Assert.True(s.RecordsCheckins == 0, $"people without a code never check in, got {s.RecordsCheckins} check-ins");
        Assert.True(s.PeopleWithoutCode == 5, $"all 5 people lack a code, got {s.PeopleWithoutCode}");
        Assert.True(Enumerable.Range(0, 5).All(i => run.State.Agents.Colour[i] == Yellow), "a daily rule on !has_code should reach every one of them");
    }

    [Theory]
    [InlineData("admit", 0, 0)]
    [InlineData("refuse", 1, 0)]
    [InlineData("paper", 0, 1)]
    public void Step_PersonWithoutCode_IsHandledByTheKindsNoCodeRule(string noCode, int refusalsPerPerson, int paperPerPerson)
    {
        // Ten people aged 30 without a code and ten aged 40 with one; everybody tries one visit.
        var world = World.FromParts([.. Enumerable.Repeat((byte)30, 10), .. Enumerable.Repeat((byte)40, 10)], [.. Enumerable.Repeat(1, 20)],
            [.. Enumerable.Repeat(-1, 20)], [.. Enumerable.Repeat(-1, 20)], []);
        var state = new SimulationState(world, 2, ["green", "yellow", "red"], 9, new ParallelOptions { MaxDegreeOfParallelism = 1 },
            codes: CodeHolders.Of(world, NobodyAtThirty, 9));
        var config = new VenuesConfig
        {
            Kinds = ImmutableDictionary<string, VenueKindConfig>.Empty.Add("shop",
                new VenueKindConfig { PerThousand = 0.001, Regulars = 1, Catchment = 1, VisitProbability = 1, Slots = 2, Beta = 0, NoCode = noCode }),
        };

        new VenuePhase(new VenueLayout(config, 20, 9, 2), new NaturalHistory(new DiseaseConfig()), new DiseaseConfig(), new PolicyConfig()).Step(state, 0);

        Assert.True(state.Records.Scans == 10, $"only the 10 code holders are scanned, got {state.Records.Scans}");
        Assert.True(state.Venues.Refusals == 10 * refusalsPerPerson, $"{noCode}: refusals should be {10 * refusalsPerPerson}, got {state.Venues.Refusals}");
        Assert.True(state.Records.PaperPasses == 10 * paperPerPerson, $"{noCode}: paper passes should be {10 * paperPerPerson}, got {state.Records.PaperPasses}");
        Assert.True(state.Venues.Visits == 20 - 10 * refusalsPerPerson, $"{noCode}: visits should be {20 - 10 * refusalsPerPerson}, got {state.Venues.Visits}");
    }
}
