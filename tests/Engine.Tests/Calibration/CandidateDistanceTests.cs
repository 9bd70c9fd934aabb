using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Calibration;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Calibration;

/// <summary>A candidate's distance: squared z-scores of the replicate means, a series' mean over its rows, summed over targets.</summary>
public sealed class CandidateDistanceTests
{
    [Fact]
    public async Task Evaluate_ScalarRatioAndSeries_DistancesAreTheDocumentedSquaredZScores()
    {
        var text = CalibrationScenarios.Text("""
              parameters:
                - {path: background_illness.daily_rate, min: 0.001, max: 0.004}
              targets:
                - {name: green_share, metric: green, per: population, from_day: 5, to_day: 9, observed: 0.9, sd: 0.05}
                - {name: attack, metric: attack_rate, observed: 0.01, sd: 0.02}
            """, size: 800, days: 10);
        var scenario = ScenarioLoader.Load(text, "distance.yaml", []);
        var config = scenario.Calibration!;
        var series = config.Targets[0] with { Name = "green_series", Observed = null, SeriesPoints = [new(3, 700), new(8, 790)], Per = null };
        config = config with { Targets = config.Targets.Add(series) };
        var runs = (await new BatchExecution(scenario.Seed, 1).RunAsync([new BatchRun(scenario.Variants[0].Model, [11UL, 12UL])], null, CancellationToken.None))[0];

        var evaluation = ScenarioCandidateEvaluator.Evaluate(config, runs);

        var green = runs.Select(r => r.Daily.ColourCounts[0][5..10].Average() / r.Summary.Population).Average();
        var attack = runs.Average(r => r.Summary.AttackRate);
        var day3 = runs.Average(r => (double)r.Daily.ColourCounts[0][3]);
        var day8 = runs.Average(r => (double)r.Daily.ColourCounts[0][8]);
        double[] expected =
        [
            Math.Pow((green - 0.9) / 0.05, 2),
            Math.Pow((attack - 0.01) / 0.02, 2),
            (Math.Pow((day3 - 700) / 0.05, 2) + Math.Pow((day8 - 790) / 0.05, 2)) / 2,
        ];
        for (var t = 0; t < expected.Length; t++)
        {
            Assert.True(Math.Abs(evaluation.Distances[t] - expected[t]) <= 1e-9 * Math.Max(1, expected[t]),
                $"target {t}'s distance should be {expected[t]} (squared z-score of the mean over the 2 replicates), got {evaluation.Distances[t]}");
        }
        Assert.True(Math.Abs(evaluation.Distance - expected.Sum()) <= 1e-9 * expected.Sum(), "the candidate's distance should be the sum over targets");
        Assert.True(evaluation.Simulated[2].Length == 2, "a series target keeps one simulated value per row");
    }

    [Fact]
    public void Evaluate_UndefinedRatio_IsAnInfiniteDistance()
    {
        var config = new CalibrationConfig
        {
            Targets = [new CalibrationTargetConfig { Name = "yield", Metric = "positive_tests", Per = "tests", Observed = 0.1, Sd = 0.1 }],
        };
        var scenario = ScenarioLoader.LoadDefault(["population.size=300", "days=2", "disease.initial_infected=0", "background_illness.daily_rate=0"]);
        var run = new SimulationRun(WorldBuilder.Build(scenario.Variants[0].Model.Population, 1), scenario.Variants[0].Model, 1, new ParallelOptions()).Run("v", 0, 0);

        var evaluation = ScenarioCandidateEvaluator.Evaluate(config, [run]);

        Assert.True(double.IsPositiveInfinity(evaluation.Distance), "a ratio over no tests is undefined, so the candidate can never be accepted");
        Assert.True(evaluation.Simulated[0][0] is null, "its simulated value is empty, not 0");
    }
}
