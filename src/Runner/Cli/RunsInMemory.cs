using System.Globalization;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Simulation;

namespace Hcsim.Runner.Cli;

/// <summary>
/// How many runs may go at once: as many as wanted when memory allows, fewer when only fewer fit (runs then go one
/// batch after another, with identical results). Refuses, before anything is built, a scenario that does not fit even
/// one run at a time. Shared by <c>run</c> and a shard of a sweep, so both compare with the same available memory.
/// </summary>
internal static class RunsInMemory
{
    /// <param name="wanted">Runs that would go at once with enough memory (threads, or fewer when fewer runs remain).</param>
    /// <param name="refusalHint">What to do when not even one run fits, appended to the refusal.</param>
    public static async Task<int> FitAsync(TextWriter error, ScenarioSource loaded, int wanted, AvailableMemory availableMemory, string refusalHint)
    {
        // What is available now (other processes' use counted, and a container's limit), not the machine's total.
        var available = availableMemory.Bytes;
        var wantedRuns = MemoryEstimate.For(loaded.Scenario, wanted).RunsAtOnce;
        for (var runs = wantedRuns; runs >= 1; runs--)
        {
            if (MemoryEstimate.For(loaded.Scenario, runs).TotalBytes <= available)
            {
                if (runs < wantedRuns)
                {
                    await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"hcsim: note: memory allows {runs} run(s) at once (estimated {MemoryEstimate.For(loaded.Scenario, runs)} of {MemoryEstimate.Format(available)} available, {availableMemory.Source}), not {wantedRuns}; runs go {runs} at a time")).ConfigureAwait(false);
                }
                return runs;
            }
        }
        var estimate = MemoryEstimate.For(loaded.Scenario, 1);
        throw new ScenarioValidationException([new ScenarioError(loaded.Source, 0, 0, "population.size",
            $"needs an estimated {estimate} of memory even one run at a time, more than the {MemoryEstimate.Format(available)} available ({availableMemory.Source}); "
            + refusalHint)]);
    }
}
