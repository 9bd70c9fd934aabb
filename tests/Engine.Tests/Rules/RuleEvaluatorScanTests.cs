using Hcsim.Engine.Agents;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Rules;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;
using Hcsim.Engine.Tracing;

namespace Hcsim.Engine.Tests.Rules;

/// <summary>
/// The evaluator looks only at people holding a colour its checkin and daily rules name, found by blocks of the colour
/// column, and fills one facts value per chunk with what each rule reads (issue 17). Its matches must equal every rule
/// tried on every person with all facts filled in, on every day, while colours change from day to day.
/// </summary>
public sealed class RuleEvaluatorScanTests
{
    private const string Text = """
        name: scan
        policy:
          colours: [green, blue, yellow, orange, red]
          rules:
            - name: fever
              on: fever_report
              do: [{set_colour: red}, {test: pcr}]
            - name: old-green
              on: daily
              colours: [green]
              when: age > 85 && days_in_colour > 2
              do: [{set_colour: blue}]
            - name: positive
              on: test_result
              when: test_positive
              do: [{set_colour: orange}, {trace: {layers: [household], days: 2}}]
            - name: contact
              on: traced
              when: trace_depth < 2
              do: [{set_colour: yellow}]
            - name: red-release
              on: checkin
              colours: [red]
              when: healthy_streak >= 3
              do: [release]
            - name: yellow-orange-release
              on: checkin
              colours: [yellow, orange]
              when: healthy_streak >= 2 && quarantine == "none"
              do: [release]
            - name: blue-test
              on: daily
              colours: [blue, orange]
              when: last_test != "negative" && has_code
              do: [{set_colour: yellow}]
        """;

    [Theory]
    [InlineData(70_011, 2)]
    [InlineData(40_003, 1)]
    [InlineData(77, 1)]
    public void Evaluate_ColoursChangeEveryDay_EqualsEveryRuleOnEveryPerson(int people, int threads)
    {
        const int days = 4;
        var policy = CompiledPolicy.Compile(ScenarioLoader.Load(Text, "scan.yaml", []).Variants[0].Model.Policy, ["pcr"]);
        var ages = Enumerable.Range(0, people).Select(i => (byte)(i * 7 % 100)).ToArray();
        var world = World.FromParts(ages, [people], Enumerable.Repeat(-1, people).ToArray(), Enumerable.Repeat(-1, people).ToArray(), []);
        var state = new SimulationState(world, days, policy.Colours, seed: 2, new ParallelOptions { MaxDegreeOfParallelism = threads });
        var evaluator = new RuleEvaluator(policy);
        var random = new System.Random(23);
        for (var day = 0; day < days; day++)
        {
            Scramble(state, day, random);
            var traced = Traced(people, random);
            var expected = Expected(evaluator, policy, state, day, traced);

            var actual = evaluator.Evaluate(state, day, traced, allTriggers: true).ToList();

            Assert.True(actual.SequenceEqual(expected),
                $"day {day}, {people} people, {threads} threads: {actual.Count} matches should equal the {expected.Count} of every rule on every person; first difference at " +
                $"{Enumerable.Range(0, Math.Min(actual.Count, expected.Count)).FirstOrDefault(k => actual[k] != expected[k], -1)}");
        }
    }

    /// <summary>Long runs of green people between stretches of random colours; random streaks, check-ins, stages and tests.</summary>
    private static void Scramble(SimulationState state, int day, System.Random random)
    {
        var a = state.Agents;
        var i = 0;
        while (i < a.Size)
        {
            var run = Math.Min(a.Size - i, random.Next(1, 150));
            var busy = random.Next(3) == 0;
            for (var end = i + run; i < end; i++)
            {
                a.Colour[i] = busy || random.Next(40) == 0 ? (byte)random.Next(5) : (byte)0;
                a.ColourSinceDay[i] = (ushort)random.Next(day + 1);
                a.Stage[i] = random.Next(10) == 0 ? DiseaseStage.Dead : (DiseaseStage)random.Next(6);
                a.CheckInDay[i] = random.Next(4) == 0 ? AgentState.Never : (ushort)day;
                a.HealthyStreak[i] = (ushort)random.Next(5);
                a.LastTest[i] = (TestOutcome)random.Next(3);
                a.LastTestDay[i] = (ushort)random.Next(day + 1);
                a.Confinement[i] = (ConfinementKind)random.Next(3);
                a.ConfinementStartDay[i] = (ushort)random.Next(day + 1);
                a.ConfinementEndDay[i] = (ushort)(day + random.Next(-1, 3));
            }
        }
        state.FeverReports.Clear();
        state.TestResults.Clear();
        for (var p = 0; p < a.Size; p++)
        {
            if (random.Next(50) == 0)
            {
                state.FeverReports.Add(p);
            }
            if (random.Next(40) == 0)
            {
                state.TestResults.Add(new TestResultEvent(p, random.Next(2) == 0, DiseaseStage.Susceptible));
            }
        }
    }

    private static List<TracedEvent> Traced(int people, System.Random random) =>
        [.. Enumerable.Range(0, people).Where(_ => random.Next(30) == 0).Select(p => new TracedEvent(p, 0, ContactLayer.Household, 1, random.Next(3)))];

    /// <summary>Every rule tried on every living person its trigger concerns, with a fresh value holding all the facts read.</summary>
    private static List<ActionRequest> Expected(RuleEvaluator evaluator, CompiledPolicy policy, SimulationState state, int day, List<TracedEvent> traced)
    {
        var a = state.Agents;
        var fevers = state.FeverReports.ToHashSet();
        var results = state.TestResults.ToDictionary(r => r.Agent, r => r.Positive);
        var traces = traced.ToDictionary(e => e.Target, e => e.Depth);
        // Every fact some rule reads, fresh for each try (the others need parts this state does not have).
        var read = policy.Rules.Aggregate(0UL, (mask, rule) => mask | rule.FactsRead);
        var expected = new List<ActionRequest>();
        for (var p = 0; p < a.Size; p++)
        {
            for (var r = 0; r < policy.Rules.Length; r++)
            {
                var rule = policy.Rules[r];
                if (a.Stage[p] == DiseaseStage.Dead || !rule.AppliesTo(a.Colour[p]))
                {
                    continue;
                }
                var facts = evaluator.FactsAt(state, p, day, read);
                var depth = 0;
                var concerned = rule.Trigger switch
                {
                    RuleTrigger.FeverReport => fevers.Contains(p),
                    RuleTrigger.TestResult => results.TryGetValue(p, out facts.TestPositive),
                    RuleTrigger.Traced => traces.TryGetValue(p, out depth),
                    RuleTrigger.Checkin => a.CheckInDay[p] == day,
                    _ => true,
                };
                facts.TraceDepth = depth;
                if (concerned && rule.Matches(ref facts))
                {
                    expected.Add(new ActionRequest(p, r, depth));
                }
            }
        }
        return expected;
    }
}
