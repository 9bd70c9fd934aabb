using Hcsim.Engine.Scenarios;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

/// <summary>Writes complete results folders from synthetic runs, as 'hcsim run' would, for tests that read them back.</summary>
public static class ResultsFolders
{
    public static async Task<string> WriteAsync(string root, string name, Scenario scenario, int shift = 0)
    {
        var target = Path.Combine(root, name);
        using var folder = OutputFolder.Create(target, force: false);
        await new ResultsPipeline(scenario, SyntheticRuns.Context()).RunAsync(folder, async (writer, token) =>
        {
            foreach (var run in SyntheticRuns.All(scenario))
            {
                await writer.WriteAsync(shift == 0 ? run : run with { Summary = run.Summary with { TotalInfections = run.Summary.TotalInfections + shift } }, token);
            }
        }, CancellationToken.None);
        folder.Commit();
        return target;
    }
}
