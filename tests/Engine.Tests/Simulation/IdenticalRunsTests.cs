using System.Threading.Channels;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Simulation;

/// <summary>Sweep points identical to an earlier variant are not simulated again: their runs are copies of the twin's.</summary>
public sealed class IdenticalRunsTests
{
    // Three of the four points repeat an earlier variant: both points with use_fever 0 repeat fever-off (red_days is
    // then read by no rule), and (use_fever 1, red_days 14) repeats the baseline.
    private const string Text = """
        name: identical
        replicates: 2
        days: 30
        population: {size: 3000}
        disease: {initial_infected: 20}
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
        sweep:
          policy.params.use_fever: [0, 1]
          policy.params.red_days: [7, 14]
        """;

    private static Scenario Sweep() => ScenarioLoader.Load(Text, "identical.yaml", []);

    private static async Task<(List<RunResult> Runs, int Simulated)> RunAll(
        Scenario scenario, bool reuse, IReadOnlySet<(int, int)>? skip = null)
    {
        var channel = Channel.CreateUnbounded<RunResult>();
        var progress = new LastProgress();
        await new ScenarioExecution(scenario, new ExecutionOptions { Threads = 2, ReuseIdenticalRuns = reuse })
            .RunAsync(channel.Writer, progress, CancellationToken.None, skip);
        var results = new List<RunResult>();
        await foreach (var result in channel.Reader.ReadAllAsync())
        {
            results.Add(result);
        }
        return ([.. results.OrderBy(r => r.VariantIndex).ThenBy(r => r.Replicate)], progress.Last.RunsTotal);
    }

    [Fact]
    public async Task RunAsync_IdenticalSweepPoints_SimulatesFewerRunsWithEqualResults()
    {
        var scenario = Sweep();
        Assert.True(scenario.IdenticalSweepPoints.Length == 3, "the scenario should have three identical sweep points");

        var copied = await RunAll(scenario, reuse: true);
        var simulated = await RunAll(scenario, reuse: false);

        Assert.True(simulated.Simulated == 12, $"without reuse all 6 variants x 2 replicates should be simulated, got {simulated.Simulated}");
        Assert.True(copied.Simulated == 6, $"with reuse the 3 identical points x 2 replicates should not be simulated, got {copied.Simulated} simulated runs");
        Assert.True(copied.Runs.Count == 12, $"every variant's runs should still be delivered, got {copied.Runs.Count}");
        for (var i = 0; i < copied.Runs.Count; i++)
        {
            var (a, b) = (copied.Runs[i], simulated.Runs[i]);
            Assert.True(a.Variant == b.Variant && a.Replicate == b.Replicate, $"run {i} should be the same variant and replicate in both");
            var columnsA = a.Daily.Columns();
            var columnsB = b.Daily.Columns();
            for (var c = 0; c < columnsA.Count; c++)
            {
                Assert.True(columnsA[c].Values.SequenceEqual(columnsB[c].Values),
                    $"{a.Variant} replicate {a.Replicate}: column {columnsA[c].Name} copied from its twin should equal the simulated one");
            }
            Assert.True(a.Summary == b.Summary, $"{a.Variant} replicate {a.Replicate}: the copied summary should equal the simulated one");
        }
        var twins = scenario.IdenticalSweepPoints.ToDictionary(p => p.Variant, p => p.SameAs);
        Assert.True(copied.Runs.All(r => r.ReusedFrom == twins.GetValueOrDefault(r.Variant)),
            "each identical point's runs should name their twin in ReusedFrom, and every other run should be simulated (null)");
        Assert.True(copied.Runs.Where(r => r.ReusedFrom is not null).All(r => r.PhaseTimes.Count == 0),
            "a copied run should carry no phase times, so the timing report counts only simulated work");
    }

    [Fact]
    public async Task RunAsync_TwinRunSkipped_SimulatesTheIdenticalPointItself()
    {
        // Resuming or sharding can leave a twin's run out of this execution; the identical point must then be simulated.
        var scenario = Sweep();
        var names = scenario.Variants.Select(v => v.Name).ToList();
        var twin = names.IndexOf("fever-off");
        var skip = new HashSet<(int, int)>();
        for (var v = 0; v < names.Count; v++)
        {
            if (v != names.IndexOf("use_fever-0--red_days-7"))
            {
                skip.Add((v, 0));
                skip.Add((v, 1));
            }
        }
        skip.Remove((twin, 1));

        var result = await RunAll(scenario, reuse: true, skip);

        var point = result.Runs.Where(r => r.Variant == "use_fever-0--red_days-7").ToList();
        Assert.True(point.Count == 2, $"both replicates of the point should be delivered, got {point.Count}");
        Assert.True(point.Single(r => r.Replicate == 0).ReusedFrom is null, "with its twin's run skipped, replicate 0 of the point should be simulated");
        Assert.True(point.Single(r => r.Replicate == 1).ReusedFrom == "fever-off", "with its twin's run present, replicate 1 of the point should be copied");
        Assert.True(result.Simulated == 2, $"the twin's replicate 1 and the point's replicate 0 should be simulated, got {result.Simulated}");
    }

    private sealed class LastProgress : IProgress<ExecutionProgress>
    {
        private readonly Lock _gate = new();

        public ExecutionProgress Last { get; private set; }

        public void Report(ExecutionProgress value)
        {
            lock (_gate)
            {
                Last = value;
            }
        }
    }
}
