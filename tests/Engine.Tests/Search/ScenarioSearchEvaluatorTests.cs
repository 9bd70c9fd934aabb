using Hcsim.Engine.Calibration;
using Hcsim.Engine.Search;

namespace Hcsim.Engine.Tests.Search;

/// <summary>A search over a real (tiny) scenario: common random numbers, and the same front whatever the thread count.</summary>
public sealed class ScenarioSearchEvaluatorTests
{
    private static readonly string Text = SearchScenarios.Text("""
          population_size: 4
          generations: 2
          replicates: 2
          variables:
            - {path: policy.params.red_days, min: 3, max: 14}
            - {path: checkin.probability, min: 0.6, max: 1}
          objectives:
            - {metric: infections_averted, direction: maximise}
            - {metric: never_infected_confined_person_days, direction: minimise}
        """, size: 1200, days: 25);

    private static async Task<SearchOutcome> Search(int threads)
    {
        var evaluator = new ScenarioSearchEvaluator(Text, "search.yaml", [], threads);
        return await new SearchLoop(evaluator.Config, evaluator.SearchSeed).RunAsync(evaluator, [], (_, _) => Task.CompletedTask, new CalibrationBudget(), null, CancellationToken.None);
    }

    [Fact]
    public async Task RunAsync_OneOrTwoThreads_SameCandidatesAndFront()
    {
        var one = await Search(1);
        var two = await Search(2);

        var objectives = new ScenarioSearchEvaluator(Text, "search.yaml", [], 1).Config.Objectives;
        var a = SearchAssessment.Assess(one.Candidates, objectives);
        var b = SearchAssessment.Assess(two.Candidates, objectives);
        Assert.True(a.Length == 8 && a.Zip(b).All(p => p.First.Values.SequenceEqual(p.Second.Values)
            && p.First.Samples.Zip(p.Second.Samples).All(s => s.First.SequenceEqual(s.Second)) && p.First.OnFront == p.Second.OnFront),
            "the candidates, their objective values and the front should not depend on the thread count");
    }

    [Fact]
    public async Task EvaluateAsync_SameValues_SameObjectives()
    {
        var evaluator = new ScenarioSearchEvaluator(Text, "search.yaml", [], 2);

        var result = await evaluator.EvaluateAsync([[7, 0.9], [7, 0.9], [14, 0.9]], CancellationToken.None);

        Assert.True(result[0].Zip(result[1]).All(p => p.First.SequenceEqual(p.Second)),
            "two candidates with the same values share every replicate's seed, so their runs are identical (common random numbers)");
        Assert.True(result[0][0].All(double.IsFinite) && evaluator.CounterfactualRuns == 2,
            "infections averted should be defined against the counterfactual, run once per replicate");
    }

    [Fact]
    public async Task EvaluateAsync_CandidateSwitchesARuleOff_RunsWithoutTheRule()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Simulator.sln")))
        {
            root = root.Parent;
        }
        var path = Path.Combine(root!.FullName, "scenarios", "policy-search.yaml");
        var evaluator = new ScenarioSearchEvaluator(File.ReadAllText(path), path, ["population.size=1500", "days=25"], 2);

        // red_days, yellow_days, negative_valid_days, fever_rule: the same rules with the fever rule on and off.
        var result = await evaluator.EvaluateAsync([[14, 7, 14, 1], [14, 7, 14, 0]], CancellationToken.None);

        Assert.True(result[0][2][0] != result[1][2][0],
            $"switching the fever rule off (a rule no variant of the file switches off) should run and change data_records, got {result[0][2][0]} both");
    }
}
