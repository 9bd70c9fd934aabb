using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Rules;

/// <summary>
/// A policy compiled once per variant: colours, rules in declared order with conditions compiled to delegates and
/// actions resolved. Assumes a validated config (unknown names are the validator's job; here they throw).
/// </summary>
public sealed class CompiledPolicy
{
    /// <summary>Most colours a policy may declare: a rule's colour filter is a 64-bit mask.</summary>
    public const int MaxColours = 64;

    private CompiledPolicy(bool enabled, ImmutableArray<string> colours, ImmutableArray<CompiledRule> rules, int maxTraceDepth, RuleRegistry registry)
    {
        Registry = registry;
        Enabled = enabled;
        Colours = colours;
        Rules = rules;
        MaxTraceDepth = maxTraceDepth;
    }

    public bool Enabled { get; }
    public ImmutableArray<string> Colours { get; }
    /// <summary>Rules in declared order; the index is the order in which their actions apply.</summary>
    public ImmutableArray<CompiledRule> Rules { get; }
    public int MaxTraceDepth { get; }
    /// <summary>The facts, triggers and actions the rules were compiled against.</summary>
    public RuleRegistry Registry { get; }

    /// <param name="testKinds">Test kind names in the order the lab indexes them.</param>
    public static CompiledPolicy Compile(PolicyConfig policy, IReadOnlyList<string> testKinds) => Compile(policy, testKinds, null, "");

    /// <param name="attributes">The declared person attributes rules may read by name; null for none.</param>
    /// <param name="score">The <c>score</c> expression (empty for none): rules reading <c>score</c> also read what it reads.</param>
    public static CompiledPolicy Compile(PolicyConfig policy, IReadOnlyList<string> testKinds, People.DeclaredAttributes? attributes, string score)
    {
        if (policy.Colours.Length > MaxColours)
        {
            throw new ArgumentException($"at most {MaxColours} colours", nameof(policy));
        }
        var registry = RuleRegistry.Core();
        var rules = ImmutableArray.CreateBuilder<CompiledRule>();
        var parameters = new PolicyParameters(policy.Params);
        ScoreFunction? scoreFunction = null;
        var scoreReads = 0UL;
        if (score.Length > 0)
        {
            scoreFunction = RuleCompiler.CompileScore(score, policy.Params, attributes, out scoreReads);
        }
        var scoreBit = registry.FactBits("score");
        if (policy.Enabled)
        {
            // A rule switched off by its `enabled` parameter is left out, as if it were not written.
            foreach (var rule in policy.Rules.Where(r => r.IsOn(policy.Params)))
            {
                rules.Add(CompileRule(rule, policy, parameters, testKinds, registry, attributes, scoreBit, scoreReads));
            }
        }
        return new CompiledPolicy(policy.Enabled, policy.Colours, rules.ToImmutable(), policy.MaxTraceDepth, registry) { Score = scoreFunction };
    }

    /// <summary>The compiled <c>score</c> expression; null when the scenario has none.</summary>
    public ScoreFunction? Score { get; private init; }

    private static CompiledRule CompileRule(RuleConfig rule, PolicyConfig policy, PolicyParameters parameters, IReadOnlyList<string> testKinds, RuleRegistry registry,
        People.DeclaredAttributes? attributes, ulong scoreBit, ulong scoreReads)
    {
        if (!registry.TryTrigger(rule.On, out var trigger))
        {
            throw new ArgumentException($"rule '{rule.Name}': unknown trigger '{rule.On}'", nameof(rule));
        }
        var mask = rule.Colours.IsDefaultOrEmpty ? ulong.MaxValue : 0UL;
        if (!rule.Colours.IsDefaultOrEmpty)
        {
            foreach (var colour in rule.Colours)
            {
                mask |= 1UL << ColourIndex(policy, colour);
            }
        }
        var condition = RuleCompiler.Compile(rule.When, policy.Params, attributes, out var factsRead);
        if ((factsRead & scoreBit) != 0)
        {
            factsRead |= scoreReads;
        }
        var actions = rule.Do.Select(a => CompileAction(a, policy, parameters, testKinds)).ToImmutableArray();
        return new CompiledRule(rule.Name, trigger, mask, condition, actions, factsRead) { Source = rule.Source };
    }

    private static CompiledAction CompileAction(
        ActionConfig action, PolicyConfig policy, PolicyParameters parameters, IReadOnlyList<string> testKinds)
    {
        if (action.SetColour is not null)
        {
            return new CompiledAction { Kind = ActionKind.SetColour, Colour = ColourIndex(policy, action.SetColour) };
        }
        if (action.Isolate is not null)
        {
            var where = action.Isolate == "central" ? ConfinementKind.Central : ConfinementKind.Home;
            var days = action.Days is { } d ? parameters.ResolveDays(d) : -1;
            return new CompiledAction { Kind = ActionKind.Confine, Where = where, Days = days };
        }
        if (action.Release is not null)
        {
            var colour = action.Release.Length == 0 ? (byte)0 : ColourIndex(policy, action.Release);
            return new CompiledAction { Kind = ActionKind.Release, Colour = colour };
        }
        if (action.Test is not null)
        {
            var kind = testKinds.ToList().IndexOf(action.Test);
            if (kind < 0)
            {
                throw new ArgumentException($"unknown test kind '{action.Test}'", nameof(action));
            }
            return new CompiledAction { Kind = ActionKind.Test, TestKind = kind };
        }
        if (action.Trace is { } trace)
        {
            byte layers = 0;
            foreach (var layer in trace.Layers)
            {
                layers |= (byte)(1 << (int)ContactLayers.Parse(layer));
            }
            return new CompiledAction
            {
                Kind = ActionKind.Trace,
                Layers = layers,
                TraceDays = parameters.ResolveDays(trace.Days),
                DelayDays = parameters.ResolveDays(trace.DelayDays),
            };
        }
        if (action.TraceVenues is { } venues)
        {
            return new CompiledAction
            {
                Kind = ActionKind.TraceVenues,
                WindowSlots = parameters.ResolveDays(venues.WindowSlots),
                TraceDays = parameters.ResolveDays(venues.Days),
                DelayDays = parameters.ResolveDays(venues.DelayDays),
                VenueKinds = venues.Kinds.IsDefault ? [] : venues.Kinds,
            };
        }
        if ((action.IsolateHousehold ?? action.IsolateDistrict) is { } group)
        {
            return new CompiledAction
            {
                Kind = action.IsolateHousehold is not null ? ActionKind.IsolateHousehold : ActionKind.IsolateDistrict,
                Where = group.Where == "central" ? ConfinementKind.Central : ConfinementKind.Home,
                Days = group.Days is { } groupDays ? parameters.ResolveDays(groupDays) : -1,
            };
        }
        if ((action.TestHousehold ?? action.TestDistrict) is { } groupTest)
        {
            var kind = testKinds.ToList().IndexOf(groupTest);
            if (kind < 0)
            {
                throw new ArgumentException($"unknown test kind '{groupTest}'", nameof(action));
            }
            return new CompiledAction { Kind = action.TestHousehold is not null ? ActionKind.TestHousehold : ActionKind.TestDistrict, TestKind = kind };
        }
        if (action.RefuseTravel is not null)
        {
            return new CompiledAction { Kind = ActionKind.RefuseTravel };
        }
        throw new ArgumentException("an action must set one of set_colour, isolate, release, test, trace, trace_venues, isolate_household, test_household, test_district, isolate_district, refuse_travel", nameof(action));
    }

    private static byte ColourIndex(PolicyConfig policy, string colour)
    {
        var index = policy.Colours.IndexOf(colour);
        return index >= 0 ? (byte)index : throw new ArgumentException($"unknown colour '{colour}'", nameof(colour));
    }
}

