using System.Globalization;
using Hcsim.Runner.Cli;
using YamlDotNet.RepresentationModel;

namespace Hcsim.Runner.Tests.Cluster;

/// <summary>The README's Kubernetes example (deploy/kubernetes/hcsim-sweep.yaml) is an indexed Job that hcsim understands.</summary>
public sealed class KubernetesManifestTests
{
    private static List<YamlMappingNode> Documents()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Simulator.sln")))
        {
            folder = folder.Parent;
        }
        Assert.NotNull(folder);
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Path.Combine(folder.FullName, "deploy", "kubernetes", "hcsim-sweep.yaml")));
        stream.Load(reader);
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlNode At(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            var mapping = Assert.IsType<YamlMappingNode>(node);
            Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(key), out var child), $"the manifest should have '{key}' ({string.Join(".", path)})");
            node = child!;
        }
        return node;
    }

    private static string Scalar(YamlNode node, params string[] path) => Assert.IsType<YamlScalarNode>(At(node, path)).Value!;

    private static string[] Command(YamlNode job) =>
        [.. ((YamlSequenceNode)At(((YamlSequenceNode)At(job, "spec", "template", "spec", "containers")).Children[0], "command")).Children.Select(c => ((YamlScalarNode)c).Value!)];

    [Fact]
    public void ShardJob_IsIndexed_WithOnePodPerShard()
    {
        var job = Documents().Single(d => Scalar(d, "metadata", "name") == "hcsim-sweep");

        Assert.Equal("Job", Scalar(job, "kind"));
        Assert.Equal("Indexed", Scalar(job, "spec", "completionMode"));
        var command = Command(job);
        Assert.True(command[0] == "hcsim" && command[1] == "run", $"the shard pods should run 'hcsim run', got {string.Join(" ", command)}");
        var count = command[Array.IndexOf(command, "--shard-count") + 1];
        Assert.True(Scalar(job, "spec", "completions") == count, $"completions should equal --shard-count {count}");
        Assert.True(Scalar(job, "spec", "parallelism") == count, $"parallelism should equal --shard-count {count}");
        Assert.Equal("Never", Scalar(job, "spec", "template", "spec", "restartPolicy"));
    }

    [Fact]
    public void ShardJob_Command_ParsesAsAnHcsimCommandLine()
    {
        var command = Command(Documents().Single(d => Scalar(d, "metadata", "name") == "hcsim-sweep"));

        var parse = HcsimCommandLine.Create(new CliConsole(TextWriter.Null, TextWriter.Null, interactive: false), "test").Parse(command[1..]);

        Assert.True(parse.Errors.Count == 0, $"the pod's command should parse: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
    }

    [Fact]
    public void MergeJob_MergesTheFolderTheShardsWrite()
    {
        var documents = Documents();
        var shards = Command(documents.Single(d => Scalar(d, "metadata", "name") == "hcsim-sweep"));
        var merge = Command(documents.Single(d => Scalar(d, "metadata", "name") == "hcsim-sweep-merge"));

        var folder = shards[Array.IndexOf(shards, "--out") + 1];
        Assert.True(merge[1] == "merge" && merge[2] == folder, $"the merge Job should run 'hcsim merge {folder}', got {string.Join(" ", merge)}");
        var count = int.Parse(shards[Array.IndexOf(shards, "--shard-count") + 1], CultureInfo.InvariantCulture);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"of-{count:D4}"), At(documents[1], "spec", "template", "spec", "initContainers").ToString(), StringComparison.Ordinal);
    }
}
