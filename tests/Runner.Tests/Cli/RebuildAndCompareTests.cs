using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;
using Hcsim.Runner.Plots;
using Hcsim.Runner.Tests.Output;
using Hcsim.Runner.Tests.Plots;

namespace Hcsim.Runner.Tests.Cli;

/// <summary>hcsim plot, report and compare on folders written by the results pipeline.</summary>
public sealed class RebuildAndCompareTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(output, error, interactive: false));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Plot_ExistingFolder_RedrawsByteIdenticalPngs()
    {
        var folder = await ResultsFolders.WriteAsync(_temp.Path, "run", ResultPlotsTests.SweepScenario());
        var pngs = Directory.GetFiles(Path.Combine(folder, "plots"), "*.png").Order(StringComparer.Ordinal).ToList();
        var original = pngs.ToDictionary(p => p, File.ReadAllBytes);
        foreach (var png in pngs)
        {
            File.Delete(png);
        }

        var (code, _, error) = await Run("plot", folder);

        Assert.True(code == ExitCodes.Ok, $"plot should succeed, stderr: {error}");
        Assert.True(pngs.Count >= 9, $"the sweep folder should hold the shared plots and one colour plot per variant, has {pngs.Count}");
        foreach (var png in pngs)
        {
            Assert.True(File.Exists(png), $"{Path.GetFileName(png)} should be redrawn");
            Assert.True(original[png].AsSpan().SequenceEqual(File.ReadAllBytes(png)), $"{Path.GetFileName(png)} should be byte-identical to the one the run drew");
            Assert.True(File.Exists(Path.ChangeExtension(png, ".svg")), $"{Path.GetFileName(png)} should have its SVG twin after a redraw");
        }
        Assert.DoesNotContain(Directory.GetDirectories(folder), d => Path.GetFileName(d).StartsWith(".rebuild", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plot_DiskFull_ExitsThreeWithOneLineAndKeepsTheOldPlots()
    {
        if (!File.Exists("/dev/full"))
        {
            return;
        }
        var folder = await ResultsFolders.WriteAsync(_temp.Path, "run", ResultPlotsTests.SweepScenario());
        var epidemic = Path.Combine(folder, ResultPlots.EpidemicFile);
        var original = File.ReadAllBytes(epidemic);
        string FullScratch(string results)
        {
            // A real ENOSPC: the new epidemic plot's file is a link to /dev/full.
            var scratch = Path.Combine(results, ".rebuild-test");
            Directory.CreateDirectory(Path.Combine(scratch, "plots"));
            File.CreateSymbolicLink(Path.Combine(scratch, ResultPlots.EpidemicFile), "/dev/full");
            return scratch;
        }
        using var error = new StringWriter();

        var failure = await Assert.ThrowsAsync<OutputWriteException>(() =>
            new RebuildCommandAction(new CliConsole(TextWriter.Null, error, false), FullScratch).PlotAsync(folder, quiet: false, CancellationToken.None));

        Assert.Equal(ExitCodes.OutputError, Program.ExitCodeFor(failure));
        Assert.Contains("No space left on device", failure.Message, StringComparison.Ordinal);
        Assert.Contains("epidemic.png", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.True(original.AsSpan().SequenceEqual(File.ReadAllBytes(epidemic)), "the folder's own plot should be untouched");
        Assert.False(Directory.Exists(Path.Combine(folder, ".rebuild-test")), "the scratch folder should be removed");
    }

    [Fact]
    public async Task Report_ExistingFolder_RewritesTheSameReport()
    {
        var folder = await ResultsFolders.WriteAsync(_temp.Path, "run", ResultPlotsTests.SweepScenario());
        var report = Path.Combine(folder, "report.md");
        var original = File.ReadAllText(report);
        File.WriteAllText(report, "stale");

        var (code, _, error) = await Run("report", folder, "--quiet");

        Assert.True(code == ExitCodes.Ok, $"report should succeed, stderr: {error}");
        Assert.Equal(original, File.ReadAllText(report));
        Assert.Contains("(plots/tradeoff.png)", original, StringComparison.Ordinal);
        Assert.Contains("(plots/sweep-heatmap.png)", original, StringComparison.Ordinal);
        Assert.Contains("| `codes_2020` |", original, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_TwoFolders_PrintsAandBandDifferencePerVariantAndMetric()
    {
        var scenario = Output.SyntheticRuns.Scenario(variants: 2, replicates: 3, days: 10);
        var a = await ResultsFolders.WriteAsync(_temp.Path, "a", scenario);
        var b = await ResultsFolders.WriteAsync(_temp.Path, "b", scenario, shift: 7);

        var (code, output, error) = await Run("compare", a, b);

        Assert.True(code == ExitCodes.Ok, $"compare should succeed, stderr: {error}");
        Assert.Contains("variant no_codes", output, StringComparison.Ordinal);
        Assert.Contains("variant codes_2020", output, StringComparison.Ordinal);
        var line = output.Split('\n').First(l => l.TrimStart().StartsWith("total_infections", StringComparison.Ordinal));
        Assert.True(line.TrimEnd().EndsWith("+7", StringComparison.Ordinal), $"B - A of total infections should be +7: '{line}'");
        Assert.All(output.Split('\n'), l => Assert.True(l.Length <= 80 || l.StartsWith("A:", StringComparison.Ordinal) || l.StartsWith("B:", StringComparison.Ordinal), $"'{l}' should fit 80 columns"));
    }

    [Fact]
    public async Task Compare_SameSeeds_GivesPairedIntervalOfTheReplicateDifferences()
    {
        var scenario = Output.SyntheticRuns.Scenario(variants: 2, replicates: 3, days: 10);
        var a = await ResultsFolders.WriteAsync(_temp.Path, "a", scenario);
        var b = await ResultsFolders.WriteAsync(_temp.Path, "b", scenario, shift: 7);

        var (_, output, _) = await Run("compare", a, b);

        Assert.Contains("Same base seed: B-A is paired", output, StringComparison.Ordinal);
        var lines = output.Split('\n');
        var index = Array.FindIndex(lines, l => l.TrimStart().StartsWith("total_infections", StringComparison.Ordinal));
        // Every replicate of B is 7 above the same replicate of A, so the paired interval has zero width.
        Assert.True(lines[index + 1].Trim() == "[+7, +7]", $"the paired interval should follow the difference: '{lines[index + 1]}'");
    }

    [Fact]
    public async Task Compare_DifferentSeeds_SaysReplicatesCannotBePaired()
    {
        var scenario = Output.SyntheticRuns.Scenario(variants: 2, replicates: 3, days: 10);
        var a = await ResultsFolders.WriteAsync(_temp.Path, "a", scenario);
        var b = await ResultsFolders.WriteAsync(_temp.Path, "b", scenario with { Seed = scenario.Seed + 1 });

        var (_, output, _) = await Run("compare", a, b);

        Assert.Contains("cannot be paired", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[+", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_FoldersWithDifferentDaysAndSeeds_SaysTheyAreNotLikeForLike()
    {
        var scenarioA = Output.SyntheticRuns.Scenario(variants: 2, replicates: 3, days: 10);
        var scenarioB = Output.SyntheticRuns.Scenario(variants: 2, replicates: 3, days: 12) with { Seed = scenarioA.Seed + 1 };
        var a = await ResultsFolders.WriteAsync(_temp.Path, "a", scenarioA);
        var b = await ResultsFolders.WriteAsync(_temp.Path, "b", scenarioB);

        var (code, output, error) = await Run("compare", a, b);

        Assert.True(code == ExitCodes.Ok, $"compare should still print the table, stderr: {error}");
        Assert.Contains("note: the seeds differ", output, StringComparison.Ordinal);
        Assert.Contains("the days differ (A 10, B 12)", output, StringComparison.Ordinal);
        Assert.Contains("not like for like", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_SameSettings_PrintsNoNotes()
    {
        var scenario = Output.SyntheticRuns.Scenario(variants: 2, replicates: 3, days: 10);
        var a = await ResultsFolders.WriteAsync(_temp.Path, "a", scenario);
        var b = await ResultsFolders.WriteAsync(_temp.Path, "b", scenario, shift: 1);

        var (code, output, error) = await Run("compare", a, b);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.DoesNotContain("note:", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Plot_NotAResultsFolder_ExitsThree()
    {
        var (code, _, error) = await Run("plot", Path.Combine(_temp.Path, "missing"));

        Assert.Equal(ExitCodes.OutputError, code);
        Assert.Contains("no such results folder", error, StringComparison.Ordinal);
    }
}
