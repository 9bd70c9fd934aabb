using Hcsim.Engine.Rules;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Rules;

/// <summary><c>enabled: PARAM</c> on a rule: a 0/1 parameter switches the rule on and off per variant or sweep point.</summary>
public sealed class RuleSwitchTests
{
    private const string Text = """
        name: switch
        policy:
          params: {use_fever: 1, red_days: 14}
          rules:
            - name: fever
              on: fever_report
              enabled: use_fever
              do: [{set_colour: red}, {isolate: home, days: red_days}]
            - name: checkin
              on: checkin
              colours: [red]
              do: [{isolate: home, days: 1}]
        variants:
          - name: fever-off
            set:
              policy.params.use_fever: 0
        """;

    [Fact]
    public void Compile_SwitchParameterZero_LeavesTheRuleOut()
    {
        var scenario = ScenarioLoader.Load(Text, "switch.yaml", []);

        var on = CompiledPolicy.Compile(scenario.Variants[0].Model.Policy, ["pcr"]);
        var off = CompiledPolicy.Compile(scenario.Variants[1].Model.Policy, ["pcr"]);

        Assert.True(on.Rules.Select(r => r.Name).SequenceEqual(["fever", "checkin"]), "with use_fever 1 the baseline should keep both rules");
        Assert.True(off.Rules.Select(r => r.Name).SequenceEqual(["checkin"]), "with use_fever 0 the variant should leave the fever rule out");
    }

    [Fact]
    public void Load_SweepOverSwitch_IsAParameterARuleReads()
    {
        // Without counting `enabled:` as a read, the sweep would be refused as changing a parameter no rule reads.
        var scenario = ScenarioLoader.Load(Text + "\nsweep:\n  policy.params.use_fever: [0, 1]\n", "switch.yaml", []);

        var points = scenario.Variants.Where(v => !v.Sweep.IsEmpty).ToList();
        Assert.True(points.Count == 2, $"the sweep should make two points, got {points.Count}");
        Assert.True(points.Count(p => CompiledPolicy.Compile(p.Model.Policy, ["pcr"]).Rules.Length == 1) == 1,
            "exactly one sweep point should have the fever rule switched off");
    }

    [Fact]
    public void Load_RedDaysReadOnlyByASwitchedRule_IsStillRead()
    {
        var error = Record.Exception(() => ScenarioLoader.Load(Text, "switch.yaml", ["policy.params.red_days=10"]));

        Assert.True(error is null, $"red_days is read by the fever rule, switched on in the baseline; changing it should load, got {error?.Message}");
    }

    [Fact]
    public void Load_SwitchOffInOneVariantOnly_IsNotAnError()
    {
        var scenario = ScenarioLoader.Load(Text, "switch.yaml", []);

        Assert.True(scenario.Variants.Length == 2, "a rule switched off in one variant but on in another is a normal use of a switch, not a rule that can never fire");
    }

    [Fact]
    public void Load_SweepPointsEqualOnceTheSwitchIsOff_AreReportedAsIdentical()
    {
        // With the fever rule off, red_days is read by no rule, so the two points with use_fever 0 are the same runs;
        // the point (use_fever 1, red_days 14) is the baseline itself.
        var scenario = ScenarioLoader.Load(Text + "\nsweep:\n  policy.params.use_fever: [0, 1]\n  policy.params.red_days: [7, 14]\n", "switch.yaml", []);

        var identical = scenario.IdenticalSweepPoints.ToDictionary(i => i.Variant, i => i.SameAs);
        Assert.True(identical.Count == 3, $"three sweep points repeat an earlier variant, got: {string.Join(", ", identical)}");
        Assert.True(identical["use_fever-0--red_days-7"] == "fever-off" && identical["use_fever-0--red_days-14"] == "fever-off",
            $"both points with the fever rule off should repeat the declared variant fever-off, got: {string.Join(", ", identical)}");
        Assert.True(identical["use_fever-1--red_days-14"] == "baseline", $"the point with the baseline's values should repeat the baseline, got: {string.Join(", ", identical)}");
        Assert.False(identical.ContainsKey("use_fever-1--red_days-7"), "the point with red_days 7 and the rule on differs from every other variant");
    }
}
