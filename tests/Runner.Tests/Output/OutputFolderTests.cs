using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

public sealed class OutputFolderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Create_ExistingNonEmptyTargetWithoutForce_ThrowsAndLeavesItUntouched()
    {
        var target = Path.Combine(_temp.Path, "results");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "previous results");

        var error = Assert.Throws<OutputWriteException>(() => OutputFolder.Create(target, force: false));

        Assert.Contains("--force", error.Message, StringComparison.Ordinal);
        Assert.Contains("--out", error.Message, StringComparison.Ordinal);
        Assert.Equal(["results"], _temp.Entries());
        Assert.Equal("previous results", File.ReadAllText(Path.Combine(target, "old.txt")));
    }

    [Fact]
    public void Commit_NewTarget_MovesTemporaryFolderIntoPlace()
    {
        var target = Path.Combine(_temp.Path, "results");
        using (var folder = OutputFolder.Create(target, force: false))
        {
            Assert.False(Directory.Exists(target), "the target should not exist before the commit");
            File.WriteAllText(folder.PathOf("plots/a.txt"), "new");
            folder.Commit();
        }

        Assert.Equal(["results"], _temp.Entries());
        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "plots", "a.txt")));
    }

    [Fact]
    public void Commit_ExistingTargetWithForce_ReplacesItAndLeavesNoSiblings()
    {
        var target = Path.Combine(_temp.Path, "results");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "previous results");
        using (var folder = OutputFolder.Create(target, force: true))
        {
            File.WriteAllText(folder.PathOf("new.txt"), "new");
            folder.Commit();
        }

        Assert.Equal(["results"], _temp.Entries());
        Assert.False(File.Exists(Path.Combine(target, "old.txt")), "the old results should be gone after a forced replace");
        Assert.True(File.Exists(Path.Combine(target, "new.txt")));
    }

    [Fact]
    public void Dispose_WithoutCommit_DeletesTemporaryFolderAndKeepsPreviousResults()
    {
        var target = Path.Combine(_temp.Path, "results");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "previous results");
        using (var folder = OutputFolder.Create(target, force: true))
        {
            File.WriteAllText(folder.PathOf("half-written.parquet"), "x");
        }

        Assert.Equal(["results"], _temp.Entries());
        Assert.Equal("previous results", File.ReadAllText(Path.Combine(target, "old.txt")));
    }

    [Fact]
    public void Create_ExistingEmptyTargetWithoutForce_IsAllowed()
    {
        var target = Path.Combine(_temp.Path, "results");
        Directory.CreateDirectory(target);
        using var folder = OutputFolder.Create(target, force: false);
        File.WriteAllText(folder.PathOf("a.txt"), "new");
        folder.Commit();

        Assert.True(File.Exists(Path.Combine(target, "a.txt")));
    }
}
