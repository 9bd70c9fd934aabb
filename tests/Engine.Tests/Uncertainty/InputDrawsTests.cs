using System.Collections.Immutable;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Tests.Scenarios;
using Hcsim.Engine.Uncertainty;

namespace Hcsim.Engine.Tests.Uncertainty;

public class InputDrawsTests
{
    private const string Base = """
        name: uncertain
        replicates: 40
        days: 20
        population: {size: 2000}
        policy:
          params: {yellow_days: 7}
        variants:
          - name: short-yellow
            set: {checkin.probability: 0.5}
        uncertainty:
          - {path: layers.household.beta, distribution: uniform, min: 0.04, max: 0.12}
          - {name: yellow, path: policy.params.yellow_days, distribution: normal, mean: 7, sd: 1}
          - {path: disease.asymptomatic_share, distribution: beta, alpha: 2, beta: 5}
          - {path: layers.community.contacts_per_day, distribution: lognormal, mu: 1, sigma: 0.3}
          - {path: disease.initial_infected, distribution: uniform, min: 5, max: 30}
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public void Sample_AnyReplicateCount_PutsExactlyOneDrawInEachStratum(int replicates)
    {
        var points = LatinHypercube.Sample(99, 3, replicates);

        for (var k = 0; k < 3; k++)
        {
            var strata = points.Select(p => (int)Math.Floor(p[k] * replicates)).Order().ToArray();
            Assert.True(strata.SequenceEqual(Enumerable.Range(0, replicates)),
                $"input {k}: the {replicates} draws should fall one in each of the {replicates} strata");
        }
    }

    [Fact]
    public void Draw_DeclaredDistributions_EachSortedDrawLiesInItsQuantileStratum()
    {
        var scenario = ScenarioLoader.Load(Base, "uncertain.yaml", []);
        var draws = scenario.Uncertainty!;
        var r = draws.Replicates;

        for (var k = 0; k < draws.Inputs.Length; k++)
        {
            var input = draws.Inputs[k];
            var integer = input.Path == "disease.initial_infected";
            var sorted = Enumerable.Range(0, r).Select(i => draws.Value(i, k)).Order().ToArray();
            for (var i = 0; i < r; i++)
            {
                var low = InputDistribution.Quantile(input, Math.Max(1e-12, (double)i / r));
                var high = InputDistribution.Quantile(input, Math.Min(1 - 1e-12, (double)(i + 1) / r));
                // A whole-number setting holds the draw rounded, so it may move by half a unit.
                var slack = integer ? 0.5 : 1e-9;
                Assert.True(sorted[i] >= low - slack && sorted[i] <= high + slack,
                    $"{input.Name}: the {i}-th smallest draw {sorted[i]} should lie between the quantiles {low} and {high} of {InputDistribution.Describe(input)}");
            }
        }
        Assert.Equal(["beta", "yellow", "asymptomatic_share", "contacts_per_day", "initial_infected"], draws.Inputs.Select(i => i.Name));
    }

    [Fact]
    public void ModelOf_EveryVariantOfAReplicate_UsesTheSameDrawnValues()
    {
        var scenario = ScenarioLoader.Load(Base, "uncertain.yaml", []);

        for (var r = 0; r < scenario.Replicates; r++)
        {
            var baseline = scenario.ModelOf(0, r);
            var variant = scenario.ModelOf(1, r);
            Assert.Equal(scenario.Uncertainty!.Value(r, 0), baseline.Layers.Household.Beta);
            Assert.Equal(baseline.Layers.Household.Beta, variant.Layers.Household.Beta);
            Assert.Equal(baseline.Policy.Params["yellow_days"], variant.Policy.Params["yellow_days"]);
            Assert.Equal(baseline.Disease.InitialInfected, variant.Disease.InitialInfected);
            Assert.Equal(0.5, variant.Checkin.Probability);
        }
        Assert.True(scenario.ModelOf(0, 0).Layers.Household.Beta != scenario.ModelOf(0, 1).Layers.Household.Beta,
            "replicates should draw different values");
        Assert.Equal(0.08, scenario.Variants[0].Model.Layers.Household.Beta);
    }

    [Fact]
    public void Load_SameScenarioTwice_DrawsTheSameValues()
    {
        var a = ScenarioLoader.Load(Base, "uncertain.yaml", []).Uncertainty!;
        var b = ScenarioLoader.Load(Base, "uncertain.yaml", []).Uncertainty!;
        var c = ScenarioLoader.Load(Base.Replace("name: uncertain", "name: uncertain\nseed: 5"), "uncertain.yaml", []).Uncertainty!;

        Assert.Equal(a.Value(3, 0), b.Value(3, 0));
        Assert.NotEqual(a.Value(3, 0), c.Value(3, 0));
    }

    [Theory]
    [InlineData("- {path: layers.household.bta, distribution: uniform, min: 0, max: 1}", "uncertainty[0].path", "did you mean 'beta'")]
    [InlineData("- {path: policy.params.red_days, distribution: uniform, min: 0, max: 1}", "uncertainty[0].path", "unknown parameter 'red_days'")]
    [InlineData("- {path: days, distribution: uniform, min: 10, max: 20}", "uncertainty[0].path", "'days' cannot be drawn")]
    [InlineData("- {path: policy.colours, distribution: uniform, min: 0, max: 1}", "uncertainty[0].path", "only numbers can be drawn")]
    [InlineData("- {path: central_isolation.beds, distribution: uniform, min: 1, max: 9}", "uncertainty[0].path", "no 'central_isolation' section")]
    [InlineData("- {path: layers.household.beta, distribution: normal, mean: 0.1, sd: 0.02, min: 0}", "uncertainty[0].min", "is not a parameter of the normal distribution")]
    [InlineData("- {path: layers.household.beta, distribution: uniform, min: 0.1}", "uncertainty[0]", "needs 'max'")]
    [InlineData("- {path: layers.household.beta, distribution: uniform, min: 0.2, max: 0.1}", "uncertainty[0].max", "must be greater than min")]
    [InlineData("- {path: layers.household.beta, distribution: normal, mean: 0.1, sd: 0.5}", "uncertainty[0].distribution", "outside the range")]
    [InlineData("- {path: checkin.probability, distribution: uniform, min: 0.1, max: 0.9}", "uncertainty[0].path", "variant 'other' also sets 'checkin.probability'")]
    [InlineData("- {path: layers.household.beta, distribution: gamma, min: 0.1, max: 0.9}", "uncertainty[0].distribution", "gamma")]
    public void Load_BadInput_ReportsItAtItsPath(string input, string path, string message)
    {
        var text = $"""
            name: bad
            policy:
              params: {"{"}yellow_days: 7{"}"}
            variants:
              - name: other
                set: {"{"}checkin.probability: 0.5{"}"}
            uncertainty:
              {input}
            """;

        var errors = ScenarioLoaderTests.Errors(() => ScenarioLoader.Load(text, "bad.yaml", []));

        Assert.Contains(errors, e => e.SettingPath == path && e.Message.Contains(message, StringComparison.Ordinal) && e.Line == 8);
    }

    [Fact]
    public void Load_CommandLineSetOfADrawnSetting_IsAnError()
    {
        var errors = ScenarioLoaderTests.Errors(() => ScenarioLoader.Load(Base, "uncertain.yaml", ["layers.household.beta=0.1"]));

        Assert.Contains(errors, e => e.SettingPath == "uncertainty[0].path" && e.Message.Contains("--set also sets 'layers.household.beta'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UncertaintyWithRegions_IsAnErrorAtTheSection()
    {
        var text = """
            name: bad
            regions:
              east: {population.size: 2000}
              west: {population.size: 1000}
            uncertainty:
              - {path: layers.household.beta, distribution: uniform, min: 0.05, max: 0.1}
            """;

        var errors = ScenarioLoaderTests.Errors(() => ScenarioLoader.Load(text, "bad.yaml", []));

        Assert.Contains(errors, e => e.SettingPath == "uncertainty" && e.Message.Contains("'regions'", StringComparison.Ordinal));
    }
}
