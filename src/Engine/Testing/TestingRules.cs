using Hcsim.Engine.Rules;

namespace Hcsim.Engine.Testing;

/// <summary>What the testing part registers in the rules engine: test facts, the test_result trigger and the test action.</summary>
public static class TestingRules
{
    public static void Register(RuleRegistry.Builder rules) => rules
        .Fact("last_test", nameof(PersonFacts.LastTest), typeof(string), "last test result: \"none\", \"negative\" or \"positive\"")
        .Fact("last_test_age", nameof(PersonFacts.LastTestAge), typeof(int), "days since the last result arrived (100000 when none)")
        .Fact("last_negative_age", nameof(PersonFacts.LastNegativeAge), typeof(int), "days since the last negative result arrived (100000 when none), whatever came after it")
        .Fact("last_sample_age", nameof(PersonFacts.LastSampleAge), typeof(int), "days since the last sample was taken (100000 when none; 0 is never seen: samples are taken after the rules)")
        .Fact("test_pending", nameof(PersonFacts.TestPending), typeof(bool), "a test was ordered and its result has not arrived")
        .Fact("test_positive", nameof(PersonFacts.TestPositive), typeof(bool), "test_result trigger: the result arriving today is positive (false for other triggers)")
        .Trigger("test_result", RuleTrigger.TestResult, "people whose test result arrives today")
        .Action("test", ActionKind.Test, "order a test of that kind (ignored if one is already waiting or pending)");
}
