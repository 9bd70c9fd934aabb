using System.Collections.Immutable;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Rules;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Rules;

/// <summary>
/// A scenario file is untrusted: its rule conditions must not reach files, processes, reflection or any .NET member.
/// Each case is an attempt that must be refused at load, before anything runs, with a located error.
/// </summary>
public sealed class RuleExpressionSafetyTests
{
    private static readonly ImmutableDictionary<string, double> Params = ImmutableDictionary<string, double>.Empty.Add("red_days", 14);

    [Theory]
    [InlineData("System.IO.File.Exists(\"/etc/passwd\")")]
    [InlineData("System.IO.File.WriteAllText(\"/tmp/pwned\", \"x\") == null")]
    [InlineData("System.IO.File.ReadAllText(\"/etc/passwd\").Length > 0")]
    [InlineData("System.Diagnostics.Process.Start(\"sh\") != null")]
    [InlineData("System.Environment.Exit(1) == null")]
    [InlineData("Environment.Exit(1) == null")]
    [InlineData("Environment.GetEnvironmentVariable(\"HOME\") != null")]
    [InlineData("typeof(System.IO.File) != null")]
    [InlineData("typeof(string).Assembly != null")]
    [InlineData("colour.GetType() != null")]
    [InlineData("colour.GetType().Assembly.GetType(\"System.IO.File\") != null")]
    [InlineData("colour.GetType().GetMethod(\"Concat\") != null")]
    [InlineData("\"x\".GetType().Assembly.Location != null")]
    [InlineData("colour.Length > 2")]
    [InlineData("colour.ToUpper() == \"RED\"")]
    [InlineData("colour.Contains(\"r\")")]
    [InlineData("colour.Substring(0, 1) == \"r\"")]
    [InlineData("string.Concat(colour, colour) == \"redred\"")]
    [InlineData("string.IsNullOrEmpty(colour)")]
    [InlineData("colour + \"x\" == \"redx\"")]
    [InlineData("Math.Max(age, 1) > 0")]
    [InlineData("age.ToString() == \"30\"")]
    [InlineData("age.CompareTo(3) > 0")]
    [InlineData("new System.Object() != null")]
    [InlineData("new System.Net.WebClient() != null")]
    [InlineData("new int[3].Length == 3")]
    [InlineData("age = 5")]
    [InlineData("(age = 5) > 0")]
    [InlineData("red_days = 0")]
    [InlineData("age += 1")]
    [InlineData("(x => x > 1)(age)")]
    [InlineData("((Func<int, bool>)(x => x > 1))(age)")]
    [InlineData("default(System.IO.FileInfo) == null")]
    [InlineData("colour is string")]
    [InlineData("(colour as object) != null")]
    [InlineData("(object)age != null")]
    [InlineData("System.AppDomain.CurrentDomain != null")]
    [InlineData("System.Activator.CreateInstance(typeof(object)) != null")]
    [InlineData("System.Reflection.Assembly.Load(\"x\") != null")]
    [InlineData("System.Threading.Thread.Sleep(100000) == null")]
    [InlineData("GC.Collect() == null")]
    [InlineData("this != null")]
    public void Compile_DotnetAccessAttempt_IsRefused(string expression)
    {
        Assert.Throws<RuleExpressionException>(() => RuleCompiler.Compile(expression, Params));
    }

    [Theory]
    [InlineData("System.IO.File.Exists(\"x\")", 0)]
    [InlineData("colour.Length > 2", 7)]
    [InlineData("healthy_streak > 1 && colour.ToUpper() == \"RED\"", 29)]
    public void Compile_RefusedMember_PointsAtItInsideTheExpression(string expression, int position)
    {
        var error = Assert.Throws<RuleExpressionException>(() => RuleCompiler.Compile(expression, Params));
        Assert.True(error.Position == position, $"the error should point at character {position}, got {error.Position}: {error.Message}");
    }

    [Fact]
    public void Compile_VeryLongExpression_IsRefusedWithTheLimit()
    {
        var expression = string.Join(" && ", Enumerable.Repeat("age > 1", 300));

        var error = Assert.Throws<RuleExpressionException>(() => RuleCompiler.Compile(expression, Params));

        Assert.Contains($"{RuleCompiler.MaxExpressionLength}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, '(', ')')]
    [InlineData(400, '(', ')')]
    public void Compile_DeeplyNestedParentheses_IsRefusedWithoutStackOverflow(int depth, char open, char close)
    {
        var expression = new string(open, depth) + "true" + new string(close, depth);

        var error = Assert.Throws<RuleExpressionException>(() => RuleCompiler.Compile(expression, Params));

        Assert.Contains("nests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ManyUnaryOperators_IsRefusedWithoutStackOverflow()
    {
        Assert.Throws<RuleExpressionException>(() => RuleCompiler.Compile(new string('!', 900) + "true", Params));
        Assert.Throws<RuleExpressionException>(() => RuleCompiler.Compile("age > " + new string('-', 900) + "1", Params));
    }

    [Fact]
    public void Compile_NestingJustWithinLimit_Compiles()
    {
        var depth = RuleCompiler.MaxNesting - 1;
        var expression = new string('(', depth) + "age > 1" + new string(')', depth);

        var condition = RuleCompiler.Compile(expression, Params);

        var facts = new PersonFacts { Age = 30, Colour = "green" };
        Assert.True(condition(ref facts));
    }

    [Theory]
    [InlineData("false", true)]
    [InlineData("1 > 2", true)]
    [InlineData("red_days < 0", true)]
    [InlineData("!true", true)]
    [InlineData("true", false)]
    [InlineData("red_days > 0", false)]
    [InlineData("age > 200", false)]
    [InlineData("colour == \"purple\"", false)]
    [InlineData("red_days < 0 && last_test == \"negative\"", true)]
    [InlineData("last_test == \"negative\" && !(red_days > 0)", true)]
    [InlineData("red_days > 0 && last_test == \"negative\"", false)]
    [InlineData("red_days < 0 || age > 3", false)]
    [InlineData("red_days < 0 || age > 3 && false", true)]
    [InlineData("red_days < 0 ? age > 3 : false", true)]
    [InlineData("age > 3 ? red_days < 0 : false", true)]
    [InlineData("age > 3 ? red_days < 0 : checked_in", false)]
    public void IsConstantFalse_Condition_ReportsConditionsFalseWhateverTheFacts(string expression, bool expected)
    {
        Assert.True(expected == RuleCompiler.IsConstantFalse(expression, Params),
            $"'{expression}' should {(expected ? "" : "not ")}be reported as false whatever the facts");
    }

    [Theory]
    [InlineData("age / (red_days - red_days) > 1", "(14 - 14)")]
    [InlineData("age % 0 == 1", "0")]
    [InlineData("healthy_streak / (red_days > 0 ? 0 : 1) > 0", "((14 > 0) ? 0 : 1)")]
    public void FindZeroDivisor_DivisorZeroWithTheseParameters_NamesIt(string expression, string divisor)
    {
        Assert.Equal(divisor, RuleCompiler.FindZeroDivisor(expression, Params));
    }

    [Theory]
    [InlineData("age / quarantine_days > 1")]
    [InlineData("age / red_days > 1")]
    [InlineData("age > 1")]
    public void FindZeroDivisor_DivisorReadsFactsOrIsNotZero_IsNull(string expression)
    {
        Assert.Null(RuleCompiler.FindZeroDivisor(expression, Params));
    }

    [Fact]
    public void Load_ScenarioWithFileAccessInRule_IsRefusedBeforeAnythingRuns()
    {
        const string Text = """
            name: sneaky
            policy:
              rules:
                - name: exfiltrate
                  on: checkin
                  when: 'System.IO.File.WriteAllText("/tmp/hcsim-pwned", "x") == null'
                  do: [release]
            """;

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(Text, "sneaky.yaml", []));

        var single = Assert.Single(error.Errors);
        Assert.Equal("policy.rules[0].when", single.SettingPath);
        Assert.False(File.Exists("/tmp/hcsim-pwned"), "the rule must never have run");
    }
}
