using Hcsim.Engine.Metrics;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

/// <summary>The temporary folder's markers and lock, stale-folder detection, and checkpoints that round-trip exactly.</summary>
public sealed class InterruptedOutputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Target => Path.Combine(_temp.Path, "results");

    [Fact]
    public void Create_WhileInUse_MarksFolderIncompleteAndIsNotStale()
    {
        using var folder = OutputFolder.Create(Target, force: false);

        var incomplete = File.ReadAllText(Path.Combine(folder.TemporaryPath, OutputFolder.IncompleteFile));
        Assert.Contains(Target, incomplete, StringComparison.Ordinal);
        Assert.Contains("--resume", incomplete, StringComparison.Ordinal);
        Assert.Empty(OutputFolder.FindStale(Target));
        Assert.Empty(OutputFolder.DeleteStale([folder.TemporaryPath]));
        Assert.True(Directory.Exists(folder.TemporaryPath), "a live run's folder must never be deleted as stale");
    }

    [Fact]
    public void FindStale_UnlockedTemporaryFolders_ListsOnlyThoseOfTheTarget()
    {
        Directory.CreateDirectory(Target + ".tmp-killed");
        File.WriteAllText(Path.Combine(Target + ".tmp-killed", OutputFolder.LockFile), "");
        Directory.CreateDirectory(Target + ".tmp-nolock");
        Directory.CreateDirectory(Path.Combine(_temp.Path, "other.tmp-killed"));
        Directory.CreateDirectory(Target + "2.tmp-killed");

        var stale = OutputFolder.FindStale(Target).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["results.tmp-killed", "results.tmp-nolock"], stale);
    }

    [Fact]
    public void Dispose_WithCheckpoints_KeepsFolderForResume()
    {
        string temporary;
        using (var folder = OutputFolder.Create(Target, force: false))
        {
            temporary = folder.TemporaryPath;
            new RunCheckpoints(folder).Save(SyntheticRuns.Run("codes_2020", 1, 0, days: 5));
            folder.Dispose();
            Assert.True(folder.KeptForResume, "a folder with finished runs should be kept");
        }

        Assert.True(File.Exists(Path.Combine(temporary, OutputFolder.IncompleteFile)));
        Assert.Equal(1, RunCheckpoints.CountIn(temporary));
        Assert.Equal([temporary], OutputFolder.FindStale(Target));
    }

    [Fact]
    public void Commit_WithCheckpoints_LeavesOnlyResultsInTheTarget()
    {
        using (var folder = OutputFolder.Create(Target, force: false))
        {
            var checkpoints = new RunCheckpoints(folder);
            checkpoints.WriteIdentity(new ResumeIdentity { ScenarioSha256 = "x", Overrides = [], Seed = 1, Replicates = 1, Variants = ["a"], HcsimVersion = "v" });
            checkpoints.Save(SyntheticRuns.Run("a", 0, 0, days: 5));
            File.WriteAllText(folder.PathOf("daily.parquet"), "data");
            folder.Commit();
        }

        Assert.Equal(["daily.parquet"], Directory.EnumerateFileSystemEntries(Target).Select(f => Path.GetFileName(f)).ToArray());
    }

    [Fact]
    public void Load_SavedRun_RoundTripsEveryValueExactly()
    {
        var scenario = SyntheticRuns.Scenario(variants: 2, replicates: 2, days: 7);
        var run = SyntheticRuns.Run("codes_2020", 1, 1, days: 7) with
        {
            Summary = SyntheticRuns.Run("codes_2020", 1, 1, days: 7).Summary with { AttackRate = 0.1 + 0.2, FalsePositiveShare = double.NaN },
        };
        using var folder = OutputFolder.Create(Target, force: false);
        var checkpoints = new RunCheckpoints(folder);

        checkpoints.Save(run);
        checkpoints.Save(run);
        var loaded = checkpoints.Load(scenario);

        var back = Assert.Single(loaded).Value;
        Assert.Equal(run.Summary with { FalsePositiveShare = null }, back.Summary with { FalsePositiveShare = null });
        Assert.True(double.IsNaN(back.Summary.FalsePositiveShare!.Value), "NaN should survive the round trip");
        Assert.Equal(0.1 + 0.2, back.Summary.AttackRate);
        var expected = run.Daily.Columns();
        var actual = back.Daily.Columns();
        for (var c = 0; c < expected.Count; c++)
        {
            Assert.Equal(expected[c].Name, actual[c].Name);
            Assert.Equal(expected[c].Values, actual[c].Values);
        }
    }

    [Fact]
    public void Load_CheckpointOfAnotherScenarioOrCorrupt_IsIgnored()
    {
        var scenario = SyntheticRuns.Scenario(variants: 2, replicates: 2, days: 7);
        using var folder = OutputFolder.Create(Target, force: false);
        var checkpoints = new RunCheckpoints(folder);
        checkpoints.Save(SyntheticRuns.Run("renamed", 1, 0, days: 7));
        checkpoints.Save(SyntheticRuns.Run("codes_2020", 1, 1, days: 9));
        checkpoints.Save(SyntheticRuns.Run("no_codes", 0, 0, days: 7));
        File.WriteAllText(folder.PathOf(Path.Combine(RunCheckpoints.Folder, "v000-r00001.json")), "{ cut short");

        var loaded = checkpoints.Load(scenario);

        Assert.Equal([(0, 0)], loaded.Keys.ToArray());
    }

    [Fact]
    public void DifferenceFrom_EachField_NamesWhatChanged()
    {
        var identity = new ResumeIdentity { ScenarioSha256 = "aaaa", Overrides = ["days=3"], Seed = 1, Replicates = 2, Variants = ["a"], HcsimVersion = "1" };

        Assert.Null(identity.DifferenceFrom(identity with { Overrides = ["days=3"] }));
        Assert.Contains("scenario file changed", identity.DifferenceFrom(identity with { ScenarioSha256 = "bbbb" }), StringComparison.Ordinal);
        Assert.Contains("overrides differ", identity.DifferenceFrom(identity with { Overrides = ["days=4"] }), StringComparison.Ordinal);
        Assert.Contains("seed differs", identity.DifferenceFrom(identity with { Seed = 2 }), StringComparison.Ordinal);
        Assert.Contains("replicates differ", identity.DifferenceFrom(identity with { Replicates = 3 }), StringComparison.Ordinal);
        Assert.Contains("version", identity.DifferenceFrom(identity with { HcsimVersion = "2" }), StringComparison.Ordinal);
    }
}
