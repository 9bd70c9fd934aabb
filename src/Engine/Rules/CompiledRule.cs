using System.Collections.Immutable;

namespace Hcsim.Engine.Rules;

/// <summary>A rule ready to run: trigger, colour filter as a bit mask, compiled condition, resolved actions.</summary>
public sealed class CompiledRule
{
    public CompiledRule(string name, RuleTrigger trigger, ulong colourMask, RuleCondition condition, ImmutableArray<CompiledAction> actions)
    {
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
