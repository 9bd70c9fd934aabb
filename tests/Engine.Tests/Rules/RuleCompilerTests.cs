using System.Collections.Immutable;
using Hcsim.Engine.Rules;

namespace Hcsim.Engine.Tests.Rules;

public class RuleCompilerTests
{
    private static readonly ImmutableDictionary<string, double> Params =
        ImmutableDictionary<string, double>.Empty.Add("red_days", 14).Add("yellow_days", 7);

    [Theory]
    [InlineData("colour == \"red\" && healthy_streak >= red_days", "red", 14, true)]
    [InlineData("colour == \"red\" && healthy_streak >= red_days", "red", 13, false)]
    [InlineData("colour != \"red\" || healthy_streak * 2 > yellow_days", "red", 4, true)]
    [InlineData("age >= 60 ? healthy_streak > 0 : false", "green", 1, false)]
    [InlineData("", "green", 0, true)]
    public void Compile_PlainExpression_EvaluatesOverFactsAndParameters(string expression, string colour, int streak, bool expected)
    {
        var condition = RuleCompiler.Compile(expression, Params);
        var facts = new PersonFacts { Colour = colour, HealthyStreak = streak, Age = 30, Confinement = "none", LastTest = "none", TracedLayer = "" };
        Assert.Equal(expected, condition(ref facts));
    }

    [Theory]
    [InlineData("healthy_streak >= red_dayz", 18, "did you mean 'red_days'")]
    [InlineData("colour == \"red\" && System.IO.File.Exists(\"x\")", 19, "unknown name 'System'")]
    [InlineData("healthy_streak >=", 17, "")]
    public void Compile_BadExpression_ReportsThePositionInsideTheExpression(string expression, int position, string fragment)
    {
        var error = Assert.Throws<RuleExpressionException>(() => RuleCompiler.Compile(expression, Params));
        Assert.Equal(position, error.Position);
        Assert.Contains(fragment, error.Message);
    }

    [Theory]
    [InlineData("colour.Length > 2")]
    [InlineData("colour.GetType() != null")]
    [InlineData("colour + \"x\" == \"redx\"")]
    [InlineData("typeof(System.IO.File) != null")]
    [InlineData("new System.Object() != null")]
    [InlineData("colour.ToString() == \"red\"")]
    public void Compile_AnythingBeyondFactsAndArithmetic_IsRefused(string expression)
    {
        Assert.Throws<RuleExpressionException>(() => RuleCompiler.Compile(expression, Params));
    }

    [Fact]
    public void CompiledRule_IntegerDivisionByZero_FailsWithTheRuleName()
    {
        var rule = new CompiledRule("divider", RuleTrigger.Daily, ulong.MaxValue, RuleCompiler.Compile("age / quarantine_days > 1", Params), []);
        var facts = new PersonFacts { Colour = "red", Age = 30, ConfinementDays = 0 };
        var error = Assert.Throws<RuleEvaluationException>(() => rule.Matches(ref facts));
        Assert.Contains("divider", error.Message);
    }

    [Fact]
    public void CompiledRule_LoadedVariantFailsWhileRunning_NamesConditionLocationDayAndVariant()
    {
        const string Text = """
            name: t
            policy:
              rules:
                - name: ratio
                  on: daily
                  when: age / quarantine_days > 1
                  do: [{set_colour: red}]
            variants:
              - name: later
                set: {days: 200}
            """;
        var variant = Engine.Scenarios.ScenarioLoader.Load(Text, "city.yaml", []).Variants[1];
        var rule = CompiledPolicy.Compile(variant.Model.Policy, ["pcr"]).Rules[0];
        var facts = new PersonFacts { Colour = "green", Age = 30, ConfinementDays = 0, Day = 7 };

        var error = Assert.Throws<RuleEvaluationException>(() => rule.Matches(ref facts));

        Assert.True(error.Message.StartsWith("city.yaml:6:13: policy.rules[0].when: rule 'ratio': its condition failed on day 7 in variant 'later'", StringComparison.Ordinal),
            $"the error should name the condition's location, the rule, the day and the variant, got: {error.Message}");
        Assert.True(error.Day == 7 && error.Condition?.Variant == "later", "the error should carry the day and the variant");
    }
}
