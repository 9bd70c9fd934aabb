namespace Hcsim.Engine.Rules;

/// <summary>The documented set of facts a condition can read (plus the policy parameters, as numbers), as registered by the core parts.</summary>
public static class RuleFacts
{
    /// <summary>Value of <c>last_test_age</c> when the person has never had a result.</summary>
    public const int NoTestAge = 100_000;

    /// <summary>The core parts' facts (<see cref="RuleRegistry.Core"/>), in registry order.</summary>
    public static readonly IReadOnlyList<RuleFact> All = RuleRegistry.Core().Facts;
}
