using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Simulation;

/// <summary>
/// Pure-speed work must not change a single number (issue 17). Each shipped scenario, scaled down, is run with every
/// mechanism it switches on, and its daily columns (one SHA-256 per column, plus the column's sum to make a diff
/// readable) and summary fields are compared with a reference stored in <c>Reference/NAME.txt</c>, written from the
/// engine as it was before the speed work began (main at e155949). New columns and summary fields may appear (a new
/// mechanism adds them); every stored line must still be there with the same value. Rewrite the references only for
/// a change that is meant to alter results, and say so in the commit: <c>HCSIM_WRITE_REFERENCE=1 dotnet test
/// --filter ReferenceOutputsTests</c>.
/// </summary>
public sealed class ReferenceOutputsTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        { "default.yaml", ["population.size=20000", "days=60", "replicates=2", "disease.initial_infected=20"] },
        { "bench-1m.yaml", ["population.size=40000", "days=60"] },
        { "venue-codes.yaml", ["population.size=20000", "days=60", "replicates=1", "disease.initial_infected=20"] },
        { "districts.yaml", ["population.size=20000", "days=60", "replicates=1"] },
        { "mass-testing.yaml", ["days=45", "replicates=1"] },
        { "capacity.yaml", ["days=60", "replicates=1"] },
        { "health-score.yaml", ["population.size=20000", "days=60", "replicates=1"] },
        { "international.yaml", ["days=40", "replicates=1"] },
        { "uncertainty.yaml", ["population.size=10000", "days=40", "replicates=4"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_ShippedScenarioScaledDown_MatchesTheStoredReference(string file, string[] overrides)
    {
        var root = RepositoryRoot();
        var scenario = ScenarioLoader.LoadFile(Path.Combine(root, "scenarios", file), overrides);
        var actual = Describe(await RunAll(scenario));
        var referencePath = Path.Combine(root, "tests", "Engine.Tests", "Simulation", "Reference", Path.ChangeExtension(file, ".txt"));
        if (Environment.GetEnvironmentVariable("HCSIM_WRITE_REFERENCE") == "1")
        {
            File.WriteAllLines(referencePath, actual);
        }

        Assert.True(File.Exists(referencePath), $"the reference {referencePath} should exist");
        var present = actual.ToHashSet(StringComparer.Ordinal);
        var missing = File.ReadAllLines(referencePath).Where(line => !present.Contains(line)).ToList();
        Assert.True(missing.Count == 0,
            $"{file}: {missing.Count} stored reference lines should be reproduced exactly; first ones:\n" +
            string.Join("\n", missing.Take(8)) + "\nactual lines with the same keys:\n" +
            string.Join("\n", missing.Take(8).Select(m => actual.FirstOrDefault(a => a.StartsWith(m[..(m.IndexOf(" = ", StringComparison.Ordinal) + 3)], StringComparison.Ordinal)) ?? "(none)")));
    }

    private static async Task<List<RunResult>> RunAll(Scenario scenario)
    {
        var channel = Channel.CreateUnbounded<RunResult>();
        await new ScenarioExecution(scenario, new ExecutionOptions { Threads = 2 }).RunAsync(channel.Writer, null, CancellationToken.None);
        var results = new List<RunResult>();
        await foreach (var result in channel.Reader.ReadAllAsync())
        {
            results.Add(result);
        }
        return results;
    }

    private static List<string> Describe(IEnumerable<RunResult> results)
    {
        var lines = new List<string>();
        foreach (var run in results.SelectMany(r => r.AllRegions))
        {
            var key = $"{run.Summary.Variant}|{run.Summary.Replicate}|{run.Summary.Region}";
            foreach (var column in run.Daily.Columns())
            {
                var bytes = new byte[column.Values.Length * sizeof(int)];
                Buffer.BlockCopy(column.Values, 0, bytes, 0, bytes.Length);
                var hash = Convert.ToHexString(SHA256.HashData(bytes))[..16];
                lines.Add($"{key}|daily.{column.Name} = {hash} sum {column.Values.Sum(v => (long)v)}");
            }
            foreach (var property in typeof(RunSummary).GetProperties())
            {
                var value = property.GetValue(run.Summary);
                if (value is IEnumerable<PartTotal> totals)
                {
                    // One line per named total, so that a part that adds totals leaves the others' lines as they were.
                    lines.AddRange(totals.Select(total => $"{key}|summary.{property.Name}.{total.Name} = {Format(total.Value)}"));
                    continue;
                }
                lines.Add($"{key}|summary.{property.Name} = {Format(value)}");
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        string text => text,
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join("; ", items.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString() ?? "",
    };

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Simulator.sln")))
        {
            folder = folder.Parent;
        }
        Assert.NotNull(folder);
        return folder.FullName;
    }
}
