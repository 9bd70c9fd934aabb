using Hcsim.Engine.Agents;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Regions;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Regions;

/// <summary>Border rules in the rules engine: the departure and arrival triggers, their facts and refuse_travel.</summary>
public class BorderRuleTests
{
    /// <summary>
    /// An epidemic in 'sick', travel both ways; codes on everywhere, and everyone aged 50 or more red from day 0 (so the
    /// colours at departure are known): <paramref name="rules"/> are more rules, <paramref name="border"/> a travel.borders entry.
    /// </summary>
    private static ScenarioVariant TwoRegions(string rules = "", string border = "", int days = 40) =>
        ScenarioLoader.Load(ScenarioText(rules, border, days), "border-rules.yaml", []).Variants[0];

    private static string ScenarioText(string rules = "", string border = "", int days = 40) => $"""
        name: border-rules
        days: {days}
        {((rules + border).Contains("pcr", StringComparison.Ordinal) ? "tests:\n  pcr: {sensitivity: 0.9, specificity: 0.98, turnaround_days: 1}" : "")}
        policy:
          colours: [green, yellow, red]
          rules:
            - {"{"}name: older-red, on: daily, when: "age >= 50 && day == 0", do: [{"{"}set_colour: red{"}"}]{"}"}
        {rules}
        regions:
          sick:
            population.size: 3000
            disease.initial_infected: 150
          clean:
            population.size: 3000
            disease.initial_infected: 0
        travel:
          flows:
            - {"{"}from: sick, to: clean, trips_per_day: 60{"}"}
            - {"{"}from: clean, to: sick, trips_per_day: 30{"}"}
          trip_days: {"{"}distribution: fixed, mean_days: 4{"}"}
          contacts_per_day: 8
          beta: 0.05
          borders: [{border}]
        """;

    private static RegionsRun RunOnce(ScenarioVariant variant, int threads = 1)
    {
        var worlds = variant.Regions.Select(r => WorldBuilder.Build(r.Model.Population, 1)).ToList();
        var policies = variant.Regions.Select(r => Hcsim.Engine.Simulation.SimulationRun.CompilePolicy(r.Model)).ToList();
        var run = new RegionsRun(variant.Regions, worlds, policies, variant.Model.Days, 9, new ParallelOptions { MaxDegreeOfParallelism = threads }, travel: true);
        run.Run(variant.Name, 0, 0);
        return run;
    }

    private static long Sum(RegionsRun run, int region, string column) =>
        run.Runs[region].State.Daily.Columns().Single(c => c.Name == column).Values.Sum(v => (long)v);

    /// <summary>The residents of a region who left on a trip at least once (the arrays keep the last trip).</summary>
    private static List<int> Travellers(RegionsRun run, int region)
    {
        var agents = run.Runs[region].State.Agents;
        return [.. Enumerable.Range(0, agents.Size).Where(i => agents.AwayUntil![i] != 0)];
    }

    private static string Rule(string text) => "    - " + text;

    [Fact]
    public void Departure_RefuseUnlessOriginColourGreen_AdmitsOnlyGreenTravellers()
    {
        var run = RunOnce(TwoRegions(Rule("""{name: green-only, on: departure, when: 'origin_colour != "green"', do: [{refuse_travel: true}]}""")));
        var state = run.Runs[0].State;
        // The older turn red in the health-code phase of day 0, after that day's departures: look at later trips.
        var travellers = Travellers(run, 0).Where(i => state.Agents.AwayFrom![i] >= AgentState.Day(1)).ToList();

        Assert.True(travellers.Count > 0, "green residents should still travel");
        Assert.True(Sum(run, 0, "travellers_refused") > 0, "residents holding red (aged 50 or more) or no code should be refused");
        Assert.All(travellers, i => Assert.True(state.CodeHolders.Has(i) && state.World.AgeYears[i] < 50 && state.Agents.Colour[i] == 0,
            $"traveller {i} should have held a green code at departure (a code, under 50, green)"));
    }

    [Fact]
    public void Departure_NoRule_OlderRedResidentsTravelToo()
    {
        // The check above is not vacuous: without the rule, red residents travel.
        var run = RunOnce(TwoRegions());

        Assert.Contains(Travellers(run, 0), i => run.Runs[0].State.World.AgeYears[i] >= 50);
        Assert.Equal(0, Sum(run, 0, "travellers_refused"));
    }

    [Fact]
    public void Arrival_IsolateEveryone_GivesNoDestinationContacts()
    {
        var run = RunOnce(TwoRegions(Rule("{name: quarantine-all, on: arrival, do: [{isolate: central}]}")));

        foreach (var region in new[] { 0, 1 })
        {
            Assert.True(Sum(run, region, "arrivals_quarantined") > 0, $"visitors to region {region} should be quarantined on arrival");
            Assert.Equal(0, Sum(run, region, "visitor_contacts"));
            Assert.Equal(0, Sum(run, region, "infections_by_travellers"));
        }
        Assert.Equal(0, run.Runs[1].State.Daily.Columns().Single(c => c.Name == "new_infections").Values.Sum(v => (long)v));
    }

    [Fact]
    public void DepartureAndArrival_OriginAndDestinationFacts_NameTheTripsRegions()
    {
        var run = RunOnce(TwoRegions(
            Rule("""{name: stay, on: departure, when: 'origin == "sick" && destination == "clean"', do: [{refuse_travel: true}]}""") + "\n"
            + Rule("""{name: from-clean, on: arrival, when: 'origin == "clean" && destination == "sick" && origin_colour != ""', do: [{isolate: central, days: 2}]}""")));

        Assert.Equal(0, Sum(run, 0, "trips"));
        Assert.True(Sum(run, 0, "travellers_refused") > 0, "every departure from sick to clean should be refused");
        Assert.True(Sum(run, 1, "trips") > 0, "departures from clean should go ahead");
        Assert.True(Sum(run, 0, "arrivals_quarantined") > 0, "visitors from clean should be quarantined in sick");
        Assert.True(Sum(run, 0, "arrivals_quarantined") < Sum(run, 1, "trips"), "only visitors holding a code at home (origin_colour not empty) are quarantined");
        Assert.Equal(0, Sum(run, 1, "arrivals_quarantined"));
    }

    [Fact]
    public void Departure_IsolateAndSetColour_KeepTheTravellerHomeConfinedAndFlagged()
    {
        var run = RunOnce(TwoRegions(
            Rule("""{name: stay-home, on: departure, when: 'destination == "clean"', do: [{set_colour: yellow}, {isolate: home, days: 3}]}""")));
        var daily = run.Runs[0].State.Daily.Columns().ToDictionary(c => c.Name, c => c.Values.Sum(v => (long)v));

        Assert.Equal(0, Sum(run, 0, "trips"));
        Assert.True(Sum(run, 0, "travellers_refused") > 0, "an isolated traveller should stay home, counted as refused");
        Assert.True(daily["quarantined_home"] > 0, "the departure rule's isolate should confine at home from tomorrow");
        Assert.True(daily["new_yellow"] > 0, "the departure rule's set_colour should turn the traveller yellow at home");
        Assert.True(Sum(run, 1, "trips") > 0, "the rule names one destination: residents of clean still travel");
    }

    [Fact]
    public void Departure_Test_OrdersATestAtHome()
    {
        var without = RunOnce(TwoRegions());
        var with = RunOnce(TwoRegions(Rule("""{name: test-out, on: departure, do: [{test: pcr}]}""")));

        Assert.Equal(0, without.Runs[0].State.Agents.LastTest.Count(t => t != TestOutcome.None));
        Assert.True(with.Runs[0].State.Agents.LastTest.Count(t => t != TestOutcome.None) > 0, "a departure rule's test should be taken and read at home");
        Assert.True(Sum(with, 0, "trips") > 0, "a test alone does not keep the traveller home");
    }

    [Theory]
    [InlineData("{to: clean, from: sick, require: quarantine, quarantine_days: 3}",
        """{name: q, on: arrival, when: 'origin == "sick"', do: [{isolate: central, days: 3}]}""")]
    [InlineData("{to: clean, require: test_on_arrival, test: pcr}",
        """{name: t, on: arrival, when: 'destination == "clean"', do: [{test: pcr}]}""")]
    [InlineData("{to: clean, require: green, trust: trust}",
        """{name: g, on: departure, when: 'destination == "clean" && origin_colour != "green"', do: [{refuse_travel: true}]}""")]
    public void BorderRule_EquivalentSetting_GivesTheSameDailyRows(string border, string rule)
    {
        var bySetting = RunOnce(TwoRegions(border: border));
        var byRule = RunOnce(TwoRegions(Rule(rule)));
        // Departure rules read the traveller's data at home: they are not counted as records crossing a border.
        string[] notCompared = border.Contains("green", StringComparison.Ordinal) ? ["border_records", "people_seen_abroad"] : [];

        for (var region = 0; region < 2; region++)
        {
            var expected = bySetting.Runs[region].State.Daily.Columns().Where(c => !notCompared.Contains(c.Name)).ToList();
            var actual = byRule.Runs[region].State.Daily.Columns().Where(c => !notCompared.Contains(c.Name)).ToList();
            Assert.Equal(expected.Select(c => c.Name), actual.Select(c => c.Name));
            for (var c = 0; c < expected.Count; c++)
            {
                Assert.True(expected[c].Values.SequenceEqual(actual[c].Values),
                    $"column {expected[c].Name} of region {region} should be the same with the border rule as with the setting {border}");
            }
        }
        Assert.True(Sum(byRule, 0, "travellers_refused") + Sum(byRule, 1, "arrivals_quarantined") > 0, "the border should act");
    }

    [Fact]
    public void BorderRules_ThreadCount_DoesNotChangeResults()
    {
        var variant = TwoRegions(
            Rule("""{name: green-only, on: departure, when: 'origin_colour != "green"', do: [{refuse_travel: true}, {test: pcr}]}""") + "\n"
            + Rule("{name: arrival-test, on: arrival, when: 'last_negative_age > 3', do: [{test: pcr}, {isolate: home, days: 2}]}"));
        var one = RunOnce(variant, threads: 1);
        var four = RunOnce(variant, threads: 4);

        for (var region = 0; region < 2; region++)
        {
            var a = one.Runs[region].State.Daily.Columns().ToList();
            var b = four.Runs[region].State.Daily.Columns().ToList();
            for (var c = 0; c < a.Count; c++)
            {
                Assert.True(a[c].Values.SequenceEqual(b[c].Values), $"column {a[c].Name} of region {region} should not depend on the thread count");
            }
        }
        Assert.True(Sum(one, 1, "border_records") > 0, "arrival tests should be counted as records crossing the border");
    }

    [Fact]
    public void Load_RefuseTravelOnArrival_IsAnErrorAtTheAction()
    {
        var error = Assert.Throws<ScenarioValidationException>(() =>
            TwoRegions(Rule("{name: no, on: arrival, do: [{refuse_travel: true}]}")));

        Assert.Contains(error.Errors, e => e.SettingPath == "policy.rules[1].do[0].refuse_travel" && e.Message.Contains("departure action", StringComparison.Ordinal)
            && e.Line > 0);
    }

    [Fact]
    public void Load_DepartureRuleWithoutTravel_IsAnError()
    {
        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load("""
            name: t
            policy:
              rules:
                - {name: d, on: departure, do: [{refuse_travel: true}]}
            """, "t.yaml", []));

        Assert.Contains(error.Errors, e => e.SettingPath == "policy.rules[0].on" && e.Message.Contains("needs travel", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ArrivalRuleReadingAHomeFact_IsAnError()
    {
        var error = Assert.Throws<ScenarioValidationException>(() =>
            TwoRegions(Rule("{name: q, on: arrival, when: 'quarantine_days > 0', do: [{isolate: central}]}")));

        Assert.Contains(error.Errors, e => e.SettingPath == "policy.rules[1].when" && e.Message.Contains("quarantine_days", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ArrivalRuleReadingAnAttribute_IsAnError()
    {
        var text = ScenarioText(Rule("{name: q, on: arrival, when: 'smoker', do: [{isolate: central}]}"))
            .Replace("regions:", "attributes:\n  smoker: {kind: boolean, by_age: [{min_age: 0, max_age: 120, share: 0.3}]}\nregions:", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(text, "t.yaml", []));

        Assert.Contains(error.Errors, e => e.SettingPath == "policy.rules[1].when" && e.Message.Contains("attributes", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DailyRuleReadingOrigin_IsAnError()
    {
        var error = Assert.Throws<ScenarioValidationException>(() =>
            TwoRegions(Rule("""{name: o, on: daily, when: 'origin == "sick"', do: [{set_colour: yellow}]}""")));

        Assert.Contains(error.Errors, e => e.SettingPath == "policy.rules[1].when" && e.Message.Contains("only departure and arrival rules", StringComparison.Ordinal));
    }
}
