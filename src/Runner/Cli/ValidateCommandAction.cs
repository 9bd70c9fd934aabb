using System.Globalization;
using Hcsim.Engine.Simulation;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Cli;

/// <summary><c>hcsim validate</c>: load the scenario as <c>run</c> would, print what would run, write nothing.</summary>
public sealed class ValidateCommandAction
{
    private readonly CliConsole _console;

    private readonly AvailableMemory? _availableMemory;

    /// <param name="availableMemory">Memory to compare the estimate with; null measures it.</param>
    public ValidateCommandAction(CliConsole console, AvailableMemory? availableMemory = null)
    {
        _console = console;
        _availableMemory = availableMemory;
    }

    public async Task<int> RunAsync(string path, IReadOnlyList<string> overrides)
    {
        var scenario = ScenarioSource.Load(path, overrides).Scenario;
        ParquetSchemas.DailyMetricColumns(scenario);
        // Days and population can differ between variants; show the range so nothing is hidden.
        var days = Range(scenario.Variants.Select(v => v.Model.Days));
        var people = Range(scenario.Variants.Select(v => v.Model.Population.Size));
        await _console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ok: {scenario.Variants.Length} variants x {scenario.Replicates} replicates, {days} days, {people} people")).ConfigureAwait(false);
        // The same estimate 'hcsim run' prints before a large run, for the default --threads (one per processor).
        var threads = Environment.ProcessorCount;
        var runsAtOnce = MemoryEstimate.For(scenario, threads).RunsAtOnce;
        await _console.Output.WriteLineAsync(StartEstimate.For(scenario, threads, runsAtOnce, _availableMemory ?? AvailableMemory.Measure()).ToString()).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static string Range(IEnumerable<int> values)
    {
        var list = values.ToList();
        var (min, max) = (list.Min(), list.Max());
        return min == max ? min.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{min}-{max}");
    }
}
