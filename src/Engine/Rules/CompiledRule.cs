using System.Collections.Immutable;

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

    public bool AppliesTo(byte colour) => (ColourMask & (1UL << colour)) != 0;

    public bool Matches(ref PersonFacts facts)
    {
        try
        {
            return Condition(ref facts);
        }
        catch (DivideByZeroException e)
        {
            throw new RuleEvaluationException(Name, e);
        }
    }
}
