using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.People;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Tests.Scenarios;

namespace Hcsim.Engine.Tests.People;

public sealed class HealthScoreTests
{
    private const string File = "scenarios/score.yaml";

    /// <summary>The 2020 rules made deterministic, plus two attributes, a score and a daily rule flagging low scorers.</summary>
    private static ModelConfig ScoreModel(double threshold, bool split = true) => TinyWorlds.Deterministic2020(days: 3) with
    {
        Attributes = new Dictionary<string, AttributeConfig>
        {
            ["smoker"] = new() { ByAge = [new() { MinAge = 0, MaxAge = 120, Share = 0.4 }], SplitOutputs = split },
            ["exercise"] = new() { Kind = AttributeKinds.Number, ByAge = [new() { MinAge = 0, MaxAge = 120, Distribution = "uniform", Low = 0, High = 10 }] },
        }.ToImmutableDictionary(),
        Score = "10 + exercise - (smoker ? 6 : 0)",
        Policy = TinyWorlds.Deterministic2020().Policy with
        {
            Params = TinyWorlds.Deterministic2020().Policy.Params.SetItem("score_threshold", threshold),
            Rules = TinyWorlds.Deterministic2020().Policy.Rules.Add(new RuleConfig
            {
                Name = "low_score",
                On = "daily",
                Colours = ["green"],
                When = "score < score_threshold",
                Do = [new ActionConfig { SetColour = "yellow" }],
            }),
        },
    };

    [Fact]
    public void ScoreRule_OneDay_FlagsExactlyThePeopleBelowTheThreshold()
    {
        var world = TinyWorlds.Households([.. Enumerable.Repeat(4, 500)]);
        var run = TinyWorlds.Run(world, ScoreModel(threshold: 9));
        run.SeedInfections();
        run.RunDay(0);
        var attributes = run.State.Attributes!;
        var smoker = attributes.Declared.Find("smoker")!.Column;
        var exercise = attributes.Declared.Find("exercise")!.Column;
        var (flagged, expected) = (0, 0);
        for (var i = 0; i < world.Size; i++)
        {
            var score = 10 + attributes.Number(exercise, i) - (attributes.Flag(smoker, i) ? 6 : 0);
            var below = score < 9;
            expected += below ? 1 : 0;
            flagged += run.State.Agents.Colour[i] == TinyWorlds.Yellow ? 1 : 0;
            Assert.True(below == (run.State.Agents.Colour[i] == TinyWorlds.Yellow),
                $"person {i} with score {score} should be yellow exactly when the score is below 9");
        }
        Assert.True(expected > 100 && expected < world.Size - 100, $"the test needs people on both sides of the threshold, got {expected} below");
    }

    [Fact]
    public void AttributeOutputs_SplitAttribute_FlaggedSplitsBySmokers()
    {
        var world = TinyWorlds.Households([.. Enumerable.Repeat(4, 500)]);
        var run = TinyWorlds.Run(world, ScoreModel(threshold: 9));
        var result = run.Run("score", 0, 0);
        var columns = result.Daily.PartColumns.ToDictionary(c => c.Name, c => c.Values);
        var smoker = run.State.Attributes!.Declared.Find("smoker")!.Column;
        var smokers = 0;
        for (var i = 0; i < world.Size; i++)
        {
            smokers += run.State.Attributes.Flag(smoker, i) ? 1 : 0;
        }
        for (var day = 0; day < 3; day++)
        {
            Assert.True(columns["flagged_with_attribute"][day] + columns["flagged_without_attribute"][day] == result.Daily.Flagged[day],
                $"day {day}: flagged people with and without the attribute should add up to flagged");
            Assert.True(columns["people_with_attribute"][day] == smokers, $"day {day}: people_with_attribute should count the {smokers} smokers");
        }
        // Non-smokers score at least 10, so only smokers are flagged.
        Assert.True(columns["flagged_without_attribute"][0] == 0 && columns["flagged_with_attribute"][0] > 0,
            "only smokers can score below 9, so every flagged person should be a smoker");
        var totals = result.Summary.PartTotals.ToDictionary(t => t.Name, t => t.Value);
        Assert.True(totals["flagged_person_days_with_attribute"] == columns["flagged_with_attribute"].Take(3).Sum(),
            "the summary's flagged_person_days_with_attribute should be the sum of the daily column");
    }

    [Fact]
    public void AttributeOutputs_NoSplitAttribute_PartNotInTheLoop()
    {
        var run = TinyWorlds.Run(TinyWorlds.Households([4, 4]), ScoreModel(threshold: 9, split: false));
        Assert.DoesNotContain(run.Phases, p => p.Name == "attribute_outputs");
        Assert.Null(TinyWorlds.Run(TinyWorlds.Households([4, 4]), TinyWorlds.Deterministic2020()).State.Attributes);
    }

    [Fact]
    public void ScoreRule_ThreadCount_DoesNotChangeResults()
    {
        var world = TinyWorlds.Households([.. Enumerable.Repeat(4, 20_000)]);
        var model = ScoreModel(threshold: 9) with { Disease = new DiseaseConfig { InitialInfected = 20 }, Days = 10 };
        var one = TinyWorlds.Run(world, model, threads: 1).Run("a", 0, 0);
        var two = TinyWorlds.Run(world, model, threads: 2).Run("a", 0, 0);
        Assert.True(one.Daily.Flagged.SequenceEqual(two.Daily.Flagged), "flagged counts should not depend on the thread count");
        foreach (var (a, b) in one.Daily.PartColumns.Zip(two.Daily.PartColumns))
        {
            Assert.True(a.Values.SequenceEqual(b.Values), $"{a.Name} should not depend on the thread count");
        }
    }

    public static TheoryData<string, string, string> BadScenarios => new()
    {
        { "attributes:\n  age: {by_age: [{share: 0.2}]}\n", "attributes.age", "is the name of a fact" },
        { "attributes:\n  smoker: {by_age: [{share: 1.5}]}\n", "attributes.smoker.by_age[0].share", "between 0 and 1" },
        { "attributes:\n  bmi: {kind: number, split_outputs: true, by_age: [{mean: 20}]}\n", "attributes.bmi.split_outputs", "only a boolean" },
        { "attributes:\n  bmi: {kind: number, by_age: [{distribution: lognormal, mean: 0}]}\n", "attributes.bmi.by_age[0].mean", "lognormal" },
        { "score: \"smoker + 1\"\n", "score", "unknown name 'smoker'" },
        { "score: \"score + 1\"\n", "score", "itself" },
        { "policy:\n  rules:\n    - {name: r, on: daily, when: \"score < 3\", do: [{set_colour: yellow}]}\n", "policy.rules[0].when", "no `score`" },
    };

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void Load_BadAttributesOrScore_RefusedWithLocatedMessage(string yaml, string path, string fragment)
    {
        var errors = ScenarioLoaderTests.Errors(() => ScenarioLoader.Load("name: bad\n" + yaml, File, []));
        var error = Assert.Single(errors, e => e.SettingPath == path);
        Assert.True(error.File == File && error.Line > 1, $"the error should be located in the file, got {error}");
        Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"the message should contain '{fragment}', got {error}");
    }

    [Fact]
    public void Load_AttributeInCondition_Accepted()
    {
        var scenario = ScenarioLoader.Load("""
            name: ok
            attributes:
              smoker: {by_age: [{share: 0.2}]}
            policy:
              rules:
                - {name: r, on: daily, when: "smoker && age > 60", do: [{set_colour: yellow}]}
            """, File, []);
        Assert.True(scenario.Variants[0].Model.Attributes.ContainsKey("smoker"), "a declared attribute should be readable by name in a condition");
    }
}
