using System.Collections.Immutable;

namespace Hcsim.Engine.Rules;

/// <summary>
/// The rules engine's one registry: every fact a condition can read, every trigger a rule can name in <c>on:</c> and
/// every action key of <c>do:</c>, each registered by the part of the engine that owns it, with its meaning. Built
/// once per compiled policy from the parts the model switches on (see <see cref="Core"/>), immutable afterwards; the
/// README's facts, triggers and actions tables are checked against it.
/// </summary>
public sealed class RuleRegistry
{
    private RuleRegistry(ImmutableArray<RuleFact> facts, ImmutableArray<RuleTriggerEntry> triggers, ImmutableArray<RuleActionEntry> actions)
    {
        Facts = facts;
        Triggers = triggers;
        Actions = actions;
    }

    /// <summary>Facts in registration order; a rule's <see cref="CompiledRule.FactsRead"/> bit i stands for Facts[i].</summary>
    public ImmutableArray<RuleFact> Facts { get; }
    public ImmutableArray<RuleTriggerEntry> Triggers { get; }
    public ImmutableArray<RuleActionEntry> Actions { get; }

    /// <summary>The registry of the core parts: codes, check-ins, testing and tracing.</summary>
    public static RuleRegistry Core()
    {
        var builder = new Builder();
        CodeRules.Register(builder);
        Phases.CheckInRules.Register(builder);
        Testing.TestingRules.Register(builder);
        Tracing.TracingRules.Register(builder);
        Venues.VenueRules.Register(builder);
        Districts.DistrictRules.Register(builder);
        People.PeopleRules.Register(builder);
        Regions.TravelRules.Register(builder);
        Regimes.RegimeRules.Register(builder);
        return builder.Build();
    }

    public bool TryTrigger(string name, out RuleTrigger trigger)
    {
        foreach (var entry in Triggers)
        {
            if (entry.Name == name)
            {
                trigger = entry.Trigger;
                return true;
            }
        }
        trigger = default;
        return false;
    }

    /// <summary>Bit i set for each named fact at index i (unknown names are a bug and throw).</summary>
    public ulong FactBits(params string[] names)
    {
        var mask = 0UL;
        foreach (var name in names)
        {
            var index = Facts.IndexOf(Facts.Single(f => f.Name == name));
            mask |= 1UL << index;
        }
        return mask;
    }

    /// <summary>Collects the parts' registrations; a name may be registered once.</summary>
    public sealed class Builder
    {
        private readonly ImmutableArray<RuleFact>.Builder _facts = ImmutableArray.CreateBuilder<RuleFact>();
        private readonly ImmutableArray<RuleTriggerEntry>.Builder _triggers = ImmutableArray.CreateBuilder<RuleTriggerEntry>();
        private readonly ImmutableArray<RuleActionEntry>.Builder _actions = ImmutableArray.CreateBuilder<RuleActionEntry>();
        private bool _built;

        public Builder Fact(string name, string field, Type type, string meaning)
        {
            Check(_facts.Any(f => f.Name == name), "fact", name);
            _facts.Add(new RuleFact(name, field, type, meaning));
            return this;
        }

        public Builder Trigger(string name, RuleTrigger trigger, string meaning)
        {
            Check(_triggers.Any(t => t.Name == name || t.Trigger == trigger), "trigger", name);
            _triggers.Add(new RuleTriggerEntry(name, trigger, meaning));
            return this;
        }

        public Builder Action(string key, ActionKind kind, string meaning)
        {
            Check(_actions.Any(a => a.Key == key || a.Kind == kind), "action", key);
            _actions.Add(new RuleActionEntry(key, kind, meaning));
            return this;
        }

        public RuleRegistry Build()
        {
            if (_facts.Count > 64)
            {
                throw new InvalidOperationException("at most 64 facts: a rule's facts read are a 64-bit mask");
            }
            _built = true;
            return new RuleRegistry(_facts.ToImmutable(), [.. _triggers.OrderBy(t => t.Trigger)], _actions.ToImmutable());
        }

        private void Check(bool duplicate, string what, string name)
        {
            if (_built)
            {
                throw new InvalidOperationException("the registry is already built");
            }
            if (duplicate)
            {
                throw new InvalidOperationException($"{what} '{name}' is registered twice");
            }
        }
    }
}
