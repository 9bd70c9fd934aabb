using Hcsim.Engine.Agents;
using Hcsim.Engine.Errors;
using Hcsim.Engine.People;
using Hcsim.Engine.Scenarios;
using Hcsim.Runner.Output;
using Parquet;
using Parquet.Schema;

namespace Hcsim.Runner.Tests.Output;

/// <summary>Parquet edge lists and people tables, read through the hcsim command's reader.</summary>
public sealed class ParquetRowsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<string> Edges(string name, int[] a, int[] b, double[] weight)
    {
        var path = Path.Combine(_folder.Path, name);
        var fields = new DataField[] { new DataField<int>("a"), new DataField<int>("b"), new DataField<double>("weight") };
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<int>(fields[0], a);
        await group.WriteAsync<int>(fields[1], b);
        await group.WriteAsync<double>(fields[2], weight);
        return path;
    }

    [Fact]
    public async Task Read_ParquetEdgeList_GivesItsEdgesAndWeights()
    {
        var path = await Edges("edges.parquet", [0, 3, 4], [1, 2, 0], [1, 0.5, 2]);
        var graph = EdgeListFile.Read(path, 5, 1, ParquetRows.Readers);
        Assert.True(graph.ExtraOf(0).ToArray().SequenceEqual([1, 4]) && graph.ExtraOf(2).ToArray().SequenceEqual([3]),
            "the Parquet edge list should give exactly its edges at both ends");
        Assert.True(graph.WeightOf(2, 3) == 0.5f && graph.WeightOf(4, 0) == 2f, "each edge should carry its weight");
    }

    [Fact]
    public async Task Read_ParquetIdOutOfRange_RefusedWithFileRowAndColumn()
    {
        var path = await Edges("bad.parquet", [0, 1, 2], [1, 2, 9], [1, 1, 1]);
        var error = Assert.Single(Assert.Throws<ScenarioValidationException>(() => EdgeListFile.Read(path, 5, 1, ParquetRows.Readers)).Errors);
        Assert.True(error.File == path && error.Line == 3 && error.Column == 2 && error.Message.Contains("person 9 is out of range", StringComparison.Ordinal),
            $"the error should name the file, row 3 and column 2 (b), got {error}");
    }

    [Fact]
    public async Task Build_ParquetPeopleTableWithNullableColumns_ReplacesThePopulation()
    {
        var path = Path.Combine(_folder.Path, "people.parquet");
        var fields = new DataField[] { new DataField<long?>("age"), new DataField<int?>("household") };
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<long>(fields[0], new long?[] { 40, 12, 70 });
            await group.WriteAsync<int>(fields[1], new int?[] { 0, 0, 1 });
        }
        var world = WorldBuilder.Build(new PopulationConfig { Size = 3, FromFile = path }, 1, ParquetRows.Readers);
        Assert.Equal([40, 12, 70], world.AgeYears);
        Assert.True(world.HouseholdStart.SequenceEqual([0, 2, 3]), "households should follow the household column");
        Assert.Throws<ScenarioValidationException>(() => WorldBuilder.Build(new PopulationConfig { Size = 3, FromFile = path }, 1));
    }
}
