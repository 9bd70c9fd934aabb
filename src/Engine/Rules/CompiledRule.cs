using System.Collections.Immutable;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Rules;

/// <summary>A rule ready to run: trigger, colour filter as a bit mask, compiled condition, resolved actions.</summary>
public sealed class CompiledRule
{
    public CompiledRule(string name, RuleTrigger trigger, ulong colourMask, RuleCondition condition, ImmutableArray<CompiledAction> actions,
        ulong factsRead = ulong.MaxValue)
    {
        FactsRead = factsRead;
        Name = name;
        Trigger = trigger;
        ColourMask = colourMask;
        Condition = condition;
        Actions = actions;
    }

    public string Name { get; }
    public RuleTrigger Trigger { get; }
    /// <summary>Bit c set when the rule applies to colour c.</summary>
    public ulong ColourMask { get; }
    public RuleCondition Condition { get; }
    public ImmutableArray<CompiledAction> Actions { get; }
    /// <summary>Bit i set when the condition reads <c>RuleFacts.All[i]</c>; the evaluator fills in only those facts.</summary>
    public ulong FactsRead { get; }
    /// <summary>Where the condition is written and the variant, for errors; null outside a loaded scenario.</summary>
    public RuleSource? Source { get; init; }

    public bool AppliesTo(byte colour) => (ColourMask & (1UL << colour)) != 0;

    public bool Matches(ref PersonFacts facts)
    {
        try
        {
            return Condition(ref facts);
        }
        catch (ArithmeticException e)
        {
            throw new RuleEvaluationException(Name, Source, facts.Day, e);
        }
    }
}
