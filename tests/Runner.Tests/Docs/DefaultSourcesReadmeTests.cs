using Hcsim.Engine.Scenarios.Schema;

namespace Hcsim.Runner.Tests.Docs;

public class DefaultSourcesReadmeTests
{
    [Fact]
    public void Readme_SourcesTable_IsTheOneGeneratedFromDefaultSources()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var expected = SchemaMarkdown.SourcesTable();
        var start = readme.IndexOf(SchemaMarkdown.BeginMarker(SchemaMarkdown.SourcesTableName), StringComparison.Ordinal);
        var end = readme.IndexOf(SchemaMarkdown.EndMarker(SchemaMarkdown.SourcesTableName), StringComparison.Ordinal);

        Assert.True(start >= 0 && end > start, "README should hold the default-sources table between its markers");
        var actual = readme[start..(end + SchemaMarkdown.EndMarker(SchemaMarkdown.SourcesTableName).Length)] + "\n";
        Assert.True(actual == expected,
            "README's default-sources table should be the one generated from DefaultSources (every input with its default and source); "
            + $"paste the output of 'dotnet run --project src/Runner -- schema --markdown'. Expected:\n{expected}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Simulator.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Simulator.sln not found above the test folder");
    }
}
