using System.Threading.Channels;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Simulation;

/// <summary>
/// Runs every variant x replicate of a scenario, concurrently where threads allow, and writes each finished run to
/// <c>results</c> (in completion order; consumers that need a fixed order sort by variant index and replicate).
/// </summary>
public sealed class ScenarioExecution
{
    public ScenarioExecution(Scenario scenario, ExecutionOptions options)
    {
        Scenario = scenario;
        Options = options;
    }

    public Scenario Scenario { get; }
    public ExecutionOptions Options { get; }
    public int RunCount => Scenario.Variants.Length * Scenario.Replicates;

    /// <summary>Runs everything; completes <paramref name="results"/> when done (or with the exception on failure).</summary>
    public Task RunAsync(ChannelWriter<RunResult> results, IProgress<ExecutionProgress>? progress, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
