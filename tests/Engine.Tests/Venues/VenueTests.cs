using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Venues;

namespace Hcsim.Engine.Tests.Venues;

/// <summary>The venue layer on tiny hand-built worlds: who visits, who meets, who is infected.</summary>
public sealed class VenueTests
{
    private static VenuesConfig OneKind(VenueKindConfig kind) =>
        new() { Kinds = ImmutableDictionary<string, VenueKindConfig>.Empty.Add("shop", kind) };

    /// <summary>One venue (per_thousand small enough that the minimum of one applies), everybody visits it every day.</summary>
    private static VenueKindConfig OneVenueEveryone(int slots, int maxContacts, double beta = 1) =>
        new() { PerThousand = 0.001, Regulars = 1, Catchment = 1, VisitProbability = 1, Slots = slots, Beta = beta, MaxContacts = maxContacts };

    private static SimulationState State(World world, int threads = 1) =>
        new(world, days: 5, ["green", "yellow", "red"], seed: 9, new ParallelOptions { MaxDegreeOfParallelism = threads });

    private static void MakeSymptomatic(AgentState agents, int agent)
    {
        agents.Stage[agent] = DiseaseStage.Symptomatic;
        agents.InfectedDay[agent] = AgentState.Day(0);
        agents.NextStageDay[agent] = 60;
    }

    private static VenuePhase Phase(VenuesConfig config, World world, ulong seed = 9, PolicyConfig? policy = null) =>
        new(new VenueLayout(config, world.Size, seed, days: 5), new NaturalHistory(new DiseaseConfig()), new DiseaseConfig(), policy ?? new PolicyConfig());

    private static List<int> Visitors(VenuePhase phase, VenueLayout layout)
    {
        var all = new List<int>();
        for (var g = 0; g < layout.SlotCount; g++)
        {
            all.AddRange(phase.VisitorsOf(g).ToArray());
        }
        return all;
    }

    [Fact]
    public void VisitOf_SameSeedDayAndPerson_IsTheSameAndOtherSeedsDiffer()
    {
        var config = OneKind(new VenueKindConfig { PerThousand = 20, Regulars = 3, VisitProbability = 0.5 });
        var a = new VenueLayout(config, 5000, 1, 10);
        var b = new VenueLayout(config, 5000, 1, 10);
        var c = new VenueLayout(config, 5000, 2, 10);
        var visitsA = Enumerable.Range(0, 5000).Select(i => a.VisitOf(i, 30, 0, 3)).ToArray();

        Assert.Equal(visitsA, Enumerable.Range(0, 5000).Select(i => b.VisitOf(i, 30, 0, 3)).ToArray());
        Assert.NotEqual(visitsA, Enumerable.Range(0, 5000).Select(i => c.VisitOf(i, 30, 0, 3)).ToArray());
        var share = visitsA.Count(v => v >= 0) / 5000.0;
        Assert.True(share is > 0.45 and < 0.55, $"about half of the people should visit with probability 0.5, got {share}");
    }

    [Fact]
    public void RegularVenue_AnyPerson_IsWithinTheCatchmentAroundHome()
    {
        var layout = new VenueLayout(OneKind(new VenueKindConfig { PerThousand = 10, Regulars = 4, Catchment = 5 }), 10_000, 3, 1);

        for (var person = 0; person < 10_000; person += 7)
        {
            var home = person * layout.Venues[0] / 10_000;
            for (var r = 0; r < 4; r++)
            {
                var venue = layout.RegularVenue(person, 0, r);
                var distance = Math.Min(Math.Abs(venue - home), layout.Venues[0] - Math.Abs(venue - home));
                Assert.True(distance <= 2, $"person {person}'s regular venue {venue} should be within 2 venues of home venue {home}");
            }
        }
    }

    [Fact]
    public void Step_ConfinedAndDeadPeople_DoNotVisit()
    {
        var world = TinyWorlds.Households(Enumerable.Repeat(1, 30).ToArray());
        var state = State(world);
        var agents = state.Agents;
        agents.Confine(0, ConfinementKind.Home, start: 0, end: AgentState.Never);
        agents.Confine(1, ConfinementKind.Central, start: 0, end: AgentState.Never);
        agents.Stage[2] = DiseaseStage.Dead;
        var config = OneKind(OneVenueEveryone(slots: 3, maxContacts: 10));
        var phase = Phase(config, world);
        var layout = new VenueLayout(config, world.Size, 9, 5);

        phase.Step(state, 0);

        var visitors = Visitors(phase, layout);
        Assert.True(visitors.Order().SequenceEqual(Enumerable.Range(3, 27)),
            $"everyone but the home-quarantined (0), the centrally isolated (1) and the dead (2) should visit once, got [{string.Join(", ", visitors)}]");
    }

    [Fact]
    public void Step_InfectiousVisitor_InfectsOnlyThoseInTheSameSlot()
    {
        var world = TinyWorlds.Households(Enumerable.Repeat(1, 40).ToArray());
        var state = State(world);
        var agents = state.Agents;
        MakeSymptomatic(agents, 0);
        state.Infected.Add(0);
        var config = OneKind(OneVenueEveryone(slots: 4, maxContacts: 1000));
        var layout = new VenueLayout(config, world.Size, 9, 5);
        var slotOfZero = layout.VisitOf(0, 30, 0, 0);
        var sameSlot = Enumerable.Range(1, 39).Where(i => layout.VisitOf(i, 30, 0, 0) == slotOfZero).ToList();

        Phase(config, world).Step(state, 0);

        var infected = Enumerable.Range(1, 39).Where(i => agents.Stage[i] == DiseaseStage.Exposed).ToList();
        Assert.True(sameSlot.Count is > 0 and < 39, $"the test needs people in 0's slot and in others, got {sameSlot.Count}");
        Assert.True(infected.SequenceEqual(sameSlot),
            $"with beta 1, exactly the people in 0's slot [{string.Join(", ", sameSlot)}] should be infected, got [{string.Join(", ", infected)}]");
        Assert.True(state.Today.NewInfections == sameSlot.Count && state.Infected.Count == 1 + sameSlot.Count, "the new infections should be counted and listed");
    }

    [Fact]
    public void Step_CrowdedSlot_MeetsAtMostMaxContacts()
    {
        var world = TinyWorlds.Households(Enumerable.Repeat(1, 60).ToArray());
        var state = State(world);
        MakeSymptomatic(state.Agents, 0);
        state.Infected.Add(0);

        Phase(OneKind(OneVenueEveryone(slots: 1, maxContacts: 3)), world).Step(state, 0);

        var infected = Enumerable.Range(1, 59).Count(i => state.Agents.Stage[i] == DiseaseStage.Exposed);
        Assert.True(infected is >= 1 and <= 3, $"one infectious visitor among 59 others with max_contacts 3 and beta 1 should infect 1 to 3, got {infected}");
    }

    [Fact]
    public void SimulationRun_WithoutVenues_HasNoVenuePart()
    {
        var model = TinyWorlds.Deterministic2020();
        var world = TinyWorlds.Households([2, 2]);

        Assert.DoesNotContain("venues", TinyWorlds.Run(world, model).Phases.Select(p => p.Name));
        var withVenues = TinyWorlds.Run(world, model with { Venues = OneKind(new VenueKindConfig()) }).Phases.Select(p => p.Name).ToList();
        Assert.True(withVenues.IndexOf("venues") == withVenues.IndexOf("transmission") + 1, "the venue part runs right after transmission");
    }

    [Fact]
    public void Run_WithVenuesOneThreadAndFour_ProducesIdenticalResults()
    {
        var baseline = ScenarioLoader.LoadDefault(["population.size=70000", "days=40", "disease.initial_infected=100"]).Variants[0].Model;
        var model = baseline with
        {
            Venues = new VenuesConfig
            {
                Kinds = ImmutableDictionary<string, VenueKindConfig>.Empty
                    .Add("shop", new VenueKindConfig { PerThousand = 5, Regulars = 3, VisitProbability = 0.4, Beta = 0.05 })
                    .Add("transport", new VenueKindConfig { PerThousand = 1, VisitProbability = 0.5, Slots = 16, Beta = 0.02, MaxContacts = 20, Admit = ["green"] }),
            },
            // Co-location flagging on too: positive cases' venues are traced, and those exposed turn yellow at home.
            Policy = baseline.Policy with
            {
                Rules = baseline.Policy.Rules.AddRange((ImmutableArray<RuleConfig>)
                [
                    new RuleConfig
                    {
                        Name = "venue-trace", On = "test_result", When = "test_positive",
                        Do = [new ActionConfig { TraceVenues = new TraceVenuesConfig { WindowSlots = NumberOrParameter.Of(1) } }],
                    },
                    new RuleConfig
                    {
                        Name = "venue-exposed", On = "venue_exposure",
                        Do = [new ActionConfig { SetColour = "yellow" }, new ActionConfig { Isolate = "home", Days = NumberOrParameter.Of(7) }],
                    },
                ]),
            },
        };
        var world = WorldBuilder.Build(model.Population, 3);
        var one = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 1 }, new DetailOptions { Transmissions = true }).Run("v", 0, 0);
        var four = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 4 }, new DetailOptions { Transmissions = true }).Run("v", 0, 0);
        var without = new SimulationRun(world, baseline, 11, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("v", 0, 0);

        Assert.True(one.Transmissions.Count(t => t.Layer == Contacts.ContactLayer.Venue) > 100, "venues should carry transmission in this run");
        Assert.True(one.Summary.TotalInfections > without.Summary.TotalInfections, "venues add contacts, so more people should be infected");
        Assert.True(one.Summary.RecordsScansConsulted > 0 && one.Summary.VenueRefusals > 0, "co-location flagging and entry control should be exercised");
        Assert.True(one.Summary == four.Summary, "the summary should not depend on thread count with venues on");
        Assert.Equal(one.Transmissions, four.Transmissions);
        for (var c = 0; c < one.Daily.Columns().Count; c++)
        {
            Assert.Equal(one.Daily.Columns()[c].Values, four.Daily.Columns()[c].Values);
        }
    }

    [Fact]
    public void Load_VenuesSection_BindsKindsAndLocatesABadValue()
    {
        const string Text = "name: v\nvenues:\n  kinds:\n    shop: {per_thousand: 4, slots: 8, beta: 0.03}\n";
        var kind = ScenarioLoader.Load(Text, "v.yaml", []).Variants[0].Model.Venues.Kinds["shop"];
        Assert.True(kind is { PerThousand: 4, Slots: 8, Beta: 0.03, Regulars: 2 }, $"the kind should bind with defaults for the keys left out, got {kind}");

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(Text.Replace("slots: 8", "slots: 0", StringComparison.Ordinal), "v.yaml", []));
        Assert.Contains(error.Errors, e => e.SettingPath == "venues.kinds.shop.slots" && e.Line == 4);
    }

    [Fact]
    public void Step_GreenOnlyEntry_RefusesYellowAndRedAndCountsScansAndRefusalsExactly()
    {
        var world = TinyWorlds.Households(Enumerable.Repeat(1, 200).ToArray());
        var state = State(world);
        var agents = state.Agents;
        for (var i = 0; i < 200; i += 3)
        {
            agents.Colour[i] = (byte)(i % 2 == 0 ? TinyWorlds.Yellow : TinyWorlds.Red);
        }
        agents.Confine(1, ConfinementKind.Home, start: 0, end: AgentState.Never);
        var kind = new VenueKindConfig { PerThousand = 20, VisitProbability = 0.5, Admit = ["green"] };
        var config = OneKind(kind);
        var layout = new VenueLayout(config, world.Size, 9, 5);
        var attempts = Enumerable.Range(0, 200).Where(i => i != 1 && layout.VisitOf(i, 30, 0, 0) >= 0).ToList();
        var refused = attempts.Count(i => agents.Colour[i] != TinyWorlds.Green);
        var phase = Phase(config, world);

        phase.Step(state, 0);

        var visitors = Visitors(phase, layout);
        Assert.True(refused > 0 && refused < attempts.Count, $"the test needs refused and admitted visits, got {refused} of {attempts.Count}");
        Assert.True(visitors.All(i => agents.Colour[i] == TinyWorlds.Green), "green-only entry: no yellow or red person visits");
        Assert.True(state.Records.Scans == attempts.Count, $"every attempted visit is a scan: {attempts.Count} by hand, got {state.Records.Scans}");
        Assert.True(state.Venues.Refusals == refused, $"refusals should be {refused} by hand, got {state.Venues.Refusals}");
        Assert.True(state.Venues.Visits == attempts.Count - refused && visitors.Count == attempts.Count - refused,
            $"visits should be the {attempts.Count - refused} admitted attempts, got {state.Venues.Visits}");
    }

    [Fact]
    public void Step_PolicyOff_NoScansAndEveryoneAdmitted()
    {
        var world = TinyWorlds.Households(Enumerable.Repeat(1, 20).ToArray());
        var state = State(world);
        state.Agents.Colour[4] = TinyWorlds.Red;
        var config = OneKind(OneVenueEveryone(slots: 2, maxContacts: 5) with { Admit = ["green"] });
        var phase = Phase(config, world, policy: new PolicyConfig { Enabled = false });

        phase.Step(state, 0);

        Assert.True(state.Records.Scans == 0 && state.Venues.Refusals == 0, "without codes nothing is scanned and nobody is refused");
        Assert.True(state.Venues.Visits == 20, $"all 20 people should visit, got {state.Venues.Visits}");
    }

    [Fact]
    public void Load_AdmitUnknownColour_IsRefusedWithItsLocation()
    {
        const string Text = "name: v\nvenues:\n  kinds:\n    shop:\n      admit: [green, blue]\n";

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(Text, "v.yaml", []));

        Assert.Contains(error.Errors, e => e.SettingPath == "venues.kinds.shop.admit[1]" && e.Line == 5 && e.Message.Contains("'blue'", StringComparison.Ordinal));
    }

    [Fact]
    public void MemoryEstimate_Venues_CountsTheDaysVisits()
    {
        var without = MemoryEstimate.For(ScenarioLoader.Load("name: v\npopulation: {size: 1000}\n", "v.yaml", []), 1);
        var with = MemoryEstimate.For(ScenarioLoader.Load(
            "name: v\npopulation: {size: 1000}\nvenues:\n  kinds:\n    shop: {visit_probability: 0.5}\n    bus: {visit_probability: 0.25}\n", "v.yaml", []), 1);

        var expected = 1000 * (MemoryEstimate.VenueBytesPerPerson + MemoryEstimate.VenueBytesPerVisit * 3 / 4);
        Assert.True(with.RunBytes - without.RunBytes == expected,
            $"the venue column and 0.75 expected visits per person should add {expected} bytes, added {with.RunBytes - without.RunBytes}");
    }
}
