using Hcsim.Engine.Rules;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Rules;

/// <summary>The one registry of facts, triggers and actions.</summary>
public sealed class RuleRegistryTests
{
    [Fact]
    public void Core_EveryTriggerAndActionOfTheEngine_IsRegisteredOnce()
    {
        var registry = RuleRegistry.Core();

        Assert.Equal(Enum.GetValues<RuleTrigger>(), registry.Triggers.Select(t => t.Trigger));
        Assert.Equal(Enum.GetValues<ActionKind>().Order(), registry.Actions.Select(a => a.Kind).Order());
        Assert.True(registry.Facts.Select(f => f.Name).Distinct().Count() == registry.Facts.Length, "fact names should be unique");
        Assert.All(registry.Facts, f => Assert.NotNull(typeof(PersonFacts).GetField(f.Field)));
    }

    [Fact]
    public void Builder_NameRegisteredTwice_Throws()
    {
        var builder = new RuleRegistry.Builder().Fact("colour", nameof(PersonFacts.Colour), typeof(string), "colour");

        Assert.Throws<InvalidOperationException>(() => builder.Fact("colour", nameof(PersonFacts.Colour), typeof(string), "again"));
    }

    [Fact]
    public void Builder_AfterBuild_RefusesChanges()
    {
        var builder = new RuleRegistry.Builder();
        builder.Build();

        Assert.Throws<InvalidOperationException>(() => builder.Trigger("venue_exposure", RuleTrigger.Daily, "late"));
    }

    [Fact]
    public void Compile_Policy_CarriesTheRegistryItsRulesWereCompiledAgainst()
    {
        var policy = CompiledPolicy.Compile(ScenarioLoader.LoadDefault([]).Variants[0].Model.Policy, ["pcr"]);

        Assert.Equal(RuleFacts.All.Select(f => f.Name), policy.Registry.Facts.Select(f => f.Name));
    }
}
