using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Venues;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Venues;

/// <summary>Co-location flagging (trace_venues, venue_exposure) on a hand-built population.</summary>
public sealed class CoLocationTests
{
    private const int People = 60;

    /// <summary>60 people living alone, one shop everybody visits every day in one of 8 slots, no transmission anywhere.</summary>
    private static ModelConfig Model(bool flagging, string exposureCondition = "true")
    {
        var model = Deterministic2020(days: 4);
        ImmutableArray<ActionConfig> onFever = flagging
            ? [new ActionConfig { SetColour = "red" }, new ActionConfig { TraceVenues = new TraceVenuesConfig { WindowSlots = NumberOrParameter.Of(1), Days = NumberOrParameter.Of(1), DelayDays = NumberOrParameter.Of(1) } }]
            : [new ActionConfig { SetColour = "red" }];
        return model with
        {
            Venues = new VenuesConfig
            {
                Kinds = ImmutableDictionary<string, VenueKindConfig>.Empty.Add("shop",
                    new VenueKindConfig { PerThousand = 0.001, Regulars = 1, Catchment = 1, VisitProbability = 1, Slots = 8, Beta = 0 }),
            },
            Policy = model.Policy with
            {
                Rules =
                [
                    new RuleConfig { Name = "fever", On = "fever_report", Do = onFever },
                    new RuleConfig { Name = "exposed", On = "venue_exposure", When = exposureCondition, Do = [new ActionConfig { SetColour = "yellow" }] },
                ],
            },
        };
    }

    private static SimulationRun FeverOnDayZero(ModelConfig model) =>
        RunWithFeverCase(Households(Enumerable.Repeat(1, People).ToArray()), model);

    [Fact]
    public void Run_WithoutTraceVenues_NobodyGetsVenueExposure()
    {
        var run = FeverOnDayZero(Model(flagging: false));
        for (var day = 0; day < 4; day++)
        {
            run.RunDay(day);
            Assert.Empty(run.State.VenueExposures);
        }

        Assert.True(Enumerable.Range(1, People - 1).All(i => run.State.Agents.Colour[i] == Green), "without co-location flagging nobody turns yellow");
        Assert.True(run.Result("v", 0, 0).Summary.RecordsScansConsulted == 0, "nothing is consulted without flagging");
    }

    [Fact]
    public void Run_CaseWithCoVisitors_FlagsExactlyThoseWithinTheWindow()
    {
        var model = Model(flagging: true, exposureCondition: "venue_kind == \"shop\" && exposure_days_ago == 0");
        var run = FeverOnDayZero(model);
        var layout = new VenueLayout(model.Venues, People, 7, 4);
        var slotOfCase = layout.VisitOf(0, 30, 0, 0);
        var expected = Enumerable.Range(1, People - 1).Where(i => Math.Abs(layout.VisitOf(i, 30, 0, 0) - slotOfCase) <= 1).ToList();

        run.RunDay(0); // fever reported: red, trace_venues over day 0
        run.RunDay(1); // exposures delivered: yellow

        var yellow = Enumerable.Range(1, People - 1).Where(i => run.State.Agents.Colour[i] == Yellow).ToList();
        Assert.True(expected.Count is > 0 and < People - 1, $"the test needs people inside and outside the window, got {expected.Count}");
        Assert.True(yellow.SequenceEqual(expected),
            $"exactly the people within 1 slot of the case's slot [{string.Join(", ", expected)}] should be flagged, got [{string.Join(", ", yellow)}]");
        var s = run.Result("v", 0, 0).Summary;
        // The case reports fever again on day 1, so its day-1 visit is traced too (delivered on day 2).
        var slotOnDayOne = layout.VisitOf(0, 30, 0, 1);
        var consulted = expected.Count + Enumerable.Range(1, People - 1).Count(i => Math.Abs(layout.VisitOf(i, 30, 0, 1) - slotOnDayOne) <= 1);
        Assert.True(s.RecordsScansConsulted == consulted, $"one scan record per co-visitor found on days 0 and 1: {consulted}, got {s.RecordsScansConsulted}");
        Assert.True(s.PeopleLookedUp == 1, $"only the case's visits were consulted, got {s.PeopleLookedUp}");
    }

    [Fact]
    public void Run_ConditionOnAnotherKind_FlagsNobody()
    {
        var run = FeverOnDayZero(Model(flagging: true, exposureCondition: "venue_kind == \"restaurant\""));

        run.RunDay(0);
        run.RunDay(1);

        Assert.NotEmpty(run.State.VenueExposures);
        Assert.True(Enumerable.Range(1, People - 1).All(i => run.State.Agents.Colour[i] == Green), "the facts say the exposure was at a shop, so a restaurant rule never matches");
    }

    [Fact]
    public void TakeDue_ExposuresOnDaysOfTheSameSize_AllocateNothingAfterTheFirst()
    {
        var queue = new VenueExposureQueue(10);
        var found = new List<VenueExposure>();
        for (var target = 30; target > 0; target--)
        {
            found.Add(new VenueExposure(target, target % 4, "shop", target % 3));
        }
        var delivered = new List<VenueExposure>();
        long bytes = 0;
        for (var day = 1; day < 6; day++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            queue.Add(day, found);
            queue.TakeDue(day, delivered);
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(30, delivered.Count);
        Assert.True(bytes == 0, $"a day like the one before should allocate nothing (the day's list is reused), allocated {bytes} B");
    }

    [Fact]
    public void PossibleVisitors_AnyVenue_ContainsEveryoneWhoHasItAsARegular()
    {
        var layout = new VenueLayout(new VenuesConfig
        {
            Kinds = ImmutableDictionary<string, VenueKindConfig>.Empty.Add("bus", new VenueKindConfig { PerThousand = 7, Regulars = 3, Catchment = 6 }),
        }, 3000, 5, 1);

        for (var person = 0; person < 3000; person++)
        {
            for (var r = 0; r < 3; r++)
            {
                var venue = layout.RegularVenue(person, 0, r);
                var ranges = new (int First, int Last)[2];
                var count = layout.PossibleVisitors(0, venue, ranges);
                Assert.True(ranges.Take(count).Any(range => person >= range.First && person < range.Last),
                    $"person {person} has venue {venue} as a regular, so the venue's possible visitors must include them");
            }
        }
    }

    [Fact]
    public void Load_TraceVenuesWithoutVenues_IsRefusedWithItsLocation()
    {
        const string Text = "name: v\npolicy:\n  rules:\n    - name: r\n      on: fever_report\n      do:\n        - trace_venues: {window_slots: 1}\n";

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(Text, "v.yaml", []));

        Assert.Contains(error.Errors, e => e.SettingPath == "policy.rules[0].do[0].trace_venues" && e.Line == 7 && e.Message.Contains("needs venues", StringComparison.Ordinal));
    }
}
