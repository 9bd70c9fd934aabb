using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hcsim.Engine.Calibration;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Calibration;

/// <summary>ABC-SMC on small simulated data: it recovers known settings, and its result depends on the seed only.</summary>
public sealed class CalibrationLoopTests
{
    private const double TrueRate = 0.002;
    private const double TrueBeta = 0.016;

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static string Section(string observed, int particles, int generations) => string.Create(CultureInfo.InvariantCulture, $"""
          particles: {particles}
          generations: {generations}
          parameters:
            - {"{"}path: background_illness.daily_rate, min: 0.0005, max: 0.005{"}"}
            - {"{"}path: layers.community.beta, min: 0.004, max: 0.04{"}"}
          targets:
        {observed}
        """);

    private static string Targets(double red, double redSd, double attack, double attackSd) => string.Create(CultureInfo.InvariantCulture, $"""
            - {"{"}name: red_per_person, metric: new_red, aggregate: sum, per: population, observed: {red:R}, sd: {redSd:R}{"}"}
            - {"{"}name: attack, metric: attack_rate, observed: {attack:R}, sd: {attackSd:R}{"}"}
        """);

    /// <summary>The targets' values at the true settings: mean and sd over 6 runs with seeds the calibration does not use.</summary>
    private static async Task<string> ObservedAtTruth()
    {
        var text = CalibrationScenarios.Text(Section(Targets(0.1, 1, 0.1, 1), 4, 1));
        var scenario = ScenarioLoader.Load(text, "truth.yaml", [$"background_illness.daily_rate={TrueRate}", $"layers.community.beta={TrueBeta}"]);
        var seeds = Enumerable.Range(1000, 6).Select(r => CounterRng.ReplicateSeed(scenario.Seed, r)).ToImmutableArray();
        var runs = await new BatchExecution(scenario.Seed, 2).RunAsync([new BatchRun(scenario.Variants[0].Model, seeds)], null, CancellationToken.None);
        var targets = scenario.Calibration!.Targets;
        var red = runs[0].Select(r => TargetMetric.Value(r, targets[0])!.Value).ToArray();
        var attack = runs[0].Select(r => TargetMetric.Value(r, targets[1])!.Value).ToArray();
        // The sd of one run around the truth (each candidate is one run), doubled for the observation's own error.
        static double Sd(double[] x) => 2 * Math.Sqrt(x.Select(v => (v - x.Average()) * (v - x.Average())).Sum() / (x.Length - 1));
        return Targets(red.Average(), Sd(red), attack.Average(), Sd(attack));
    }

    private static async Task<CalibrationOutcome> Calibrate(string text, int threads, IReadOnlyList<CalibrationGeneration>? done = null,
        Func<CalibrationGeneration, CancellationToken, Task>? onGeneration = null, CancellationToken cancellationToken = default)
    {
        var evaluator = new ScenarioCandidateEvaluator(text, "calibration.yaml", [], threads);
        var scenario = ScenarioLoader.Load(text, "calibration.yaml", []);
        return await new CalibrationLoop(scenario.Calibration!, scenario.Seed).RunAsync(evaluator, done ?? [], onGeneration ?? ((_, _) => Task.CompletedTask),
            new CalibrationBudget(), null, cancellationToken);
    }

    private static string Serialized(IEnumerable<CalibrationGeneration> generations) => JsonSerializer.Serialize(generations.ToArray(), Json);

    [Fact]
    public async Task RunAsync_DataSimulatedAtKnownSettings_PosteriorIntervalsContainThem()
    {
        var text = CalibrationScenarios.Text(Section(await ObservedAtTruth(), particles: 30, generations: 4));

        var outcome = await Calibrate(text, threads: 2);

        var config = ScenarioLoader.Load(text, "calibration.yaml", []).Calibration!;
        Assert.True(outcome.Posterior is not null, $"the calibration should end with a posterior ({outcome.StopReason})");
        var summary = CalibrationLoop.Summarise(config, outcome.Posterior!);
        double[] truth = [TrueRate, TrueBeta];
        for (var k = 0; k < truth.Length; k++)
        {
            Assert.True(summary[k].Low <= truth[k] && truth[k] <= summary[k].High,
                $"the 95 % posterior interval of {summary[k].Path} should contain the true {truth[k]}, got {summary[k].Low} - {summary[k].High} (mean {summary[k].Mean})");
        }
        Assert.True(summary[0].High - summary[0].Low < 0.5 * (0.005 - 0.0005),
            $"the data should narrow the background fever rate to under half its prior range, got {summary[0].Low} - {summary[0].High}");
        Assert.True(outcome.Generations.Skip(1).All(g => g.Tolerance <= outcome.Generations[g.Index - 1].Tolerance), "tolerances should never grow");
    }

    [Fact]
    public async Task RunAsync_OneOrTwoThreads_SamePosterior()
    {
        var text = CalibrationScenarios.Text(Section(Targets(0.1, 0.02, 0.1, 0.05), particles: 6, generations: 2), size: 1500, days: 30);

        var one = await Calibrate(text, threads: 1);
        var two = await Calibrate(text, threads: 2);

        Assert.True(Serialized(one.Generations) == Serialized(two.Generations),
            "every candidate, distance, acceptance and weight should be identical with 1 and 2 threads");
    }

    [Fact]
    public async Task RunAsync_ResumedFromACheckpoint_EqualsUninterrupted()
    {
        var text = CalibrationScenarios.Text(Section(Targets(0.1, 0.02, 0.1, 0.05), particles: 6, generations: 3), size: 1500, days: 30);
        var whole = await Calibrate(text, threads: 2);

        // Interrupted after generation 0: its checkpoint (JSON, as written to disk) is all that survives.
        var saved = new List<string>();
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Calibrate(text, threads: 2, onGeneration: (g, _) =>
        {
            saved.Add(JsonSerializer.Serialize(g, Json));
            stop.Cancel();
            return Task.CompletedTask;
        }, cancellationToken: stop.Token));
        var checkpoint = saved.Select(s => JsonSerializer.Deserialize<CalibrationGeneration>(s, Json)!).ToList();
        var resumed = await Calibrate(text, threads: 1, done: checkpoint);

        Assert.True(checkpoint.Count == 1, "the interrupted calibration should have saved generation 0 only");
        Assert.True(Serialized(resumed.Generations) == Serialized(whole.Generations) && resumed.Runs == whole.Runs,
            "a calibration resumed from generation 0's checkpoint should give exactly the uninterrupted result");
    }
}
