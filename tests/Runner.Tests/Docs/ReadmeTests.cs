using Hcsim.Engine.Metrics;
using Hcsim.Engine.Rules;
using Hcsim.Engine.Scenarios.Schema;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Docs;

/// <summary>The README is the user's manual: every output column and every rule fact must be documented in it.</summary>
public sealed class ReadmeTests
{
    private static string Readme()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Simulator.sln")))
        {
            folder = folder.Parent;
        }
        Assert.NotNull(folder);
        return File.ReadAllText(Path.Combine(folder.FullName, "README.md"));
    }

    [Fact]
    public void Readme_DailyColumns_AreAllDocumented()
    {
        var readme = Readme();
        foreach (var column in new DailyMetrics(1, ["green", "yellow", "red"]).Columns())
        {
            Assert.True(readme.Contains($"`{column.Name}`", StringComparison.Ordinal), $"README should document daily column {column.Name}");
        }
        var kinds = new[] { new Hcsim.Engine.Testing.TestKind("KIND", 1, 1, 1, 0) };
        foreach (var column in Hcsim.Engine.Testing.TestLabColumns.For(kinds).Append(Hcsim.Engine.Importation.ImportationPhase.ImportedInfections)
            .Append(Hcsim.Engine.MassTesting.MassTestingPhase.OrderedColumn)
            .Append(Hcsim.Engine.Capacity.CentralBeds.OverflowColumn).Append(Hcsim.Engine.Capacity.CentralBeds.TurnedAwayColumn)
            .Append(Hcsim.Engine.Capacity.TracingCapacity.ContactsTracedColumn).Append(Hcsim.Engine.Capacity.TracingCapacity.BacklogColumn)
            .Concat(Hcsim.Engine.Districts.DistrictRiskPhase.Columns(["LEVEL"]))
            .Concat(Hcsim.Engine.Tracing.TracingYield.Columns))
        {
            Assert.True(readme.Contains($"| `{column.Name}` |", StringComparison.Ordinal), $"README should document the optional daily column {column.Name}");
        }
    }

    [Fact]
    public void Readme_SummaryColumns_AreAllDocumented()
    {
        var readme = Readme();
        foreach (var column in ParquetSchemas.SummaryColumns)
        {
            Assert.True(readme.Contains($"| `{column.Name}` |", StringComparison.Ordinal), $"README should document summary column {column.Name}");
        }
        var parts = PartTotals.Columns(["samples", "tubes_KIND", "central_overflow", "trace_backlog", "traced"]);
        Assert.True(parts.Count == 12, "the probe should list every optional summary column");
        foreach (var column in parts)
        {
            Assert.True(readme.Contains($"| `{column.Name}` |", StringComparison.Ordinal), $"README should document the optional summary column {column.Name}");
        }
    }

    [Fact]
    public void Readme_RuleFacts_AreAllDocumented()
    {
        var readme = Readme();
        foreach (var fact in RuleFacts.All)
        {
            Assert.True(readme.Contains($"| `{fact.Name}` |", StringComparison.Ordinal), $"README should document rule fact {fact.Name}");
        }
    }

    [Theory]
    [InlineData(SchemaMarkdown.FileTableName)]
    [InlineData(SchemaMarkdown.ModelTableName)]
    public void Readme_SettingsTable_IsTheOneGeneratedFromTheSchema(string table)
    {
        var readme = Readme();
        var expected = table == SchemaMarkdown.FileTableName ? SchemaMarkdown.FileTable() : SchemaMarkdown.ModelTable();
        var start = readme.IndexOf(SchemaMarkdown.BeginMarker(table), StringComparison.Ordinal);
        var end = readme.IndexOf(SchemaMarkdown.EndMarker(table), StringComparison.Ordinal);

        Assert.True(start >= 0 && end > start, $"README should hold the {table} table between its markers");
        var actual = readme[start..(end + SchemaMarkdown.EndMarker(table).Length)] + "\n";
        Assert.True(actual == expected,
            $"README's {table} table should be the one generated from ScenarioSchema (every key with its default, no other key); "
            + $"paste the output of 'dotnet run --project src/Runner -- schema --markdown'. Expected:\n{expected}");
    }

    [Fact]
    public void Readme_RuleTriggers_AreAllDocumented()
    {
        var readme = Readme();
        foreach (var trigger in RuleRegistry.Core().Triggers)
        {
            Assert.True(readme.Contains($"| `{trigger.Name}` |", StringComparison.Ordinal), $"README should document trigger {trigger.Name} in the triggers table");
        }
    }

    [Fact]
    public void Readme_RuleActions_AreAllDocumented()
    {
        var readme = Readme();
        foreach (var action in RuleRegistry.Core().Actions)
        {
            Assert.True(readme.Contains($"| `{action.Key}", StringComparison.Ordinal), $"README should document action {action.Key} in the actions table");
        }
    }
}
