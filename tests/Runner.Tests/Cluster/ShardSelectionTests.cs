using Hcsim.Runner.Cluster;

namespace Hcsim.Runner.Tests.Cluster;

public sealed class ShardSelectionTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Resolve_NothingGiven_RunsEverything()
    {
        var (shard, _) = ShardSelection.Resolve(null, null, Env());

        Assert.True(shard is null, "without --shard and scheduler variables the whole scenario should run");
    }

    [Fact]
    public void Resolve_ShardOption_WinsOverTheEnvironment()
    {
        var (shard, _) = ShardSelection.Resolve("1/4", null, Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "8")));

        Assert.Equal(new ShardSpec(1, 4), shard);
    }

    [Fact]
    public void Resolve_ShardNone_IgnoresTheEnvironment()
    {
        var (shard, _) = ShardSelection.Resolve("none", null, Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "8")));

        Assert.True(shard is null, "--shard none should run everything even inside an array task");
    }

    [Fact]
    public void Resolve_SlurmIdAndCount_GiveTheShard()
    {
        var (shard, origin) = ShardSelection.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "8")));

        Assert.Equal(new ShardSpec(3, 8), shard);
        Assert.Contains("SLURM_ARRAY_TASK_ID=3", origin, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SlurmArrayFromOne_CountsFromTheMinimum()
    {
        var (shard, _) = ShardSelection.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "8"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "8")));

        Assert.Equal(new ShardSpec(7, 8), shard);
    }

    [Fact]
    public void Resolve_SlurmIdWithShardCount_UsesTheIdAsTheIndex()
    {
        // A resubmission of tasks 3 and 5 only: Slurm says 2 tasks from 3, but the shards are still 3 and 5 of 8.
        var (shard, _) = ShardSelection.Resolve(null, 8, Env(("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_COUNT", "2"), ("SLURM_ARRAY_TASK_MIN", "3")));

        Assert.Equal(new ShardSpec(5, 8), shard);
    }

    [Fact]
    public void Resolve_KubernetesIndexWithCount_GivesTheShard()
    {
        var (shard, _) = ShardSelection.Resolve(null, 6, Env(("JOB_COMPLETION_INDEX", "2")));

        Assert.Equal(new ShardSpec(2, 6), shard);
    }

    [Fact]
    public void Resolve_SlurmWinsOverKubernetes()
    {
        var (shard, _) = ShardSelection.Resolve(null, 6, Env(("JOB_COMPLETION_INDEX", "2"), ("SLURM_ARRAY_TASK_ID", "4")));

        Assert.Equal(new ShardSpec(4, 6), shard);
    }

    [Theory]
    [InlineData(null, null, "JOB_COMPLETION_INDEX", "2", "--shard-count")]
    [InlineData(null, 4, "SLURM_ARRAY_TASK_ID", "4", "between 0 and 3")]
    [InlineData(null, 4, "", "", "needs a shard index")]
    [InlineData("4/4", null, "", "", "between 0 and 3")]
    [InlineData("a/b", null, "", "", "expected I/N")]
    [InlineData(null, null, "SLURM_ARRAY_TASK_ID", "x", "not a whole number")]
    public void Resolve_BadInput_Throws(string? option, int? count, string variable, string value, string expected)
    {
        var error = Assert.Throws<ShardSelectionException>(() => ShardSelection.Resolve(option, count, Env((variable, value))));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"the error should say '{expected}': {error.Message}");
    }
}
