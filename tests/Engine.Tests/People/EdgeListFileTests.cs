using Hcsim.Engine.Agents;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Errors;
using Hcsim.Engine.People;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Tests.Validation;
using Xunit.Abstractions;

namespace Hcsim.Engine.Tests.People;

public sealed class EdgeListFileTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hcsim-edges-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static World WorldWith(int people, string edges, double dailyProbability = 1) => WorldBuilder.Build(new PopulationConfig
    {
        Size = people,
        HouseholdSizeShares = [1],
        Community = new CommunityConfig { FromFile = edges, DailyProbability = dailyProbability },
    }, seed: 3);

    private struct Collect : IContactVisitor
    {
        public List<int> Met;

        public readonly bool Wants(int other) => true;

        public readonly void Visit(int other, ContactLayer layer) => Met.Add(other);
    }

    private static SortedSet<(int, int)> ContactsOn(World world, int day)
    {
        var state = new AgentState(world.Size);
        var contacts = new DailyContacts(world, state, new LayersConfig(), seed: 5, days: 10);
        var pairs = new SortedSet<(int, int)>();
        for (var i = 0; i < world.Size; i++)
        {
            var visitor = new Collect { Met = [] };
            contacts.ForEach(i, day, ContactLayer.Community, ref visitor);
            foreach (var other in visitor.Met)
            {
                pairs.Add((Math.Min(i, other), Math.Max(i, other)));
            }
        }
        return pairs;
    }

    [Fact]
    public void Read_EdgeList_GivesExactlyItsEdgesAsContacts()
    {
        var path = Write("edges.csv", "a,b,weight\r\n0,1,1\n3, 2,0.5\n\n4,0,2\n5,9,1\n");
        var world = WorldWith(10, path);
        SortedSet<(int, int)> expected = [(0, 1), (2, 3), (0, 4), (5, 9)];
        for (var day = 0; day < 3; day++)
        {
            var met = ContactsOn(world, day);
            Assert.True(met.SetEquals(expected), $"day {day}: the community contacts should be exactly the file's edges, got {string.Join(" ", met)}");
        }
        Assert.True(world.Community.WeightOf(2, 3) == 0.5f && world.Community.WeightOf(3, 2) == 0.5f && world.Community.WeightOf(0, 4) == 2f,
            "each edge should carry its weight at both ends");
    }

    [Fact]
    public void Read_DailyProbability_MeetsAShareOfEdges()
    {
        var lines = string.Join("\n", Enumerable.Range(0, 5000).Select(i => $"{i},{i + 5000}"));
        var world = WorldWith(10_000, Write("half.csv", "b,a\n" + lines + "\n"), dailyProbability: 0.3);
        var met = ContactsOn(world, 0).Count;
        // 5,000 edges each met with probability 0.3: 1,500 +- 32 (sd); 150 is over four sd.
        Assert.True(Math.Abs(met - 1500) < 150, $"about 30 % of the 5,000 edges should be met on a day, got {met}");
    }

    public static TheoryData<string, string, int, int, string> BadFiles => new()
    {
        { "missing column", "a,weight\n0,1\n", 1, 1, "no column 'b'" },
        { "unknown column", "a,b,w\n0,1,1\n", 1, 3, "unknown column 'w'" },
        { "id out of range", "a,b\n0,1\n2,10\n", 3, 2, "person 10 is out of range" },
        { "negative id", "a,b\n-1,1\n", 2, 1, "person -1 is out of range" },
        { "self loop", "a,b\n0,1\n4,4\n", 3, 2, "self loop" },
        { "duplicate reversed", "a,b\n0,1\n2,3\n1,0\n", 4, 1, "listed twice (first on line 2)" },
        { "bad number", "a,b\n0,x1\n", 2, 2, "'x1' is not a whole number" },
        { "bad weight", "a,b,weight\n0,1,heavy\n", 2, 3, "'heavy' is not a number" },
        { "too few fields", "a,b\n0\n", 2, 2, "has 1 fields" },
        { "empty", "", 1, 1, "empty" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Read_BadEdgeList_RefusedWithFileLineAndColumn(string caseName, string text, int line, int column, string fragment)
    {
        var path = Write("bad.csv", text);
        var error = Assert.Single(Assert.Throws<ScenarioValidationException>(() => WorldWith(10, path)).Errors);
        Assert.True(error.File == path && error.Line == line && error.Column == column,
            $"{caseName}: the error should be at {path}:{line}:{column}, got {error}");
        Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"{caseName}: the message should contain '{fragment}', got {error}");
        Assert.Equal(EdgeListFile.SettingPath, error.SettingPath);
    }

    [Fact]
    public void Load_MissingEdgeFile_ErrorAtTheKey()
    {
        var scenario = Write("s.yaml", "name: s\npopulation:\n  community:\n    from_file: nowhere.csv\n");
        var error = Assert.Single(Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.LoadFile(scenario, [])).Errors);
        Assert.True(error.Line == 4 && error.SettingPath == "population.community.from_file" && error.Message.Contains("no such file", StringComparison.Ordinal),
            $"a missing edge list should be reported at its key, got {error}");
    }

    [Fact]
    public void Load_RelativePath_ResolvedAgainstTheScenarioFolder()
    {
        Write("net.csv", "a,b\n0,1\n");
        var scenario = Write("s.yaml", "name: s\npopulation:\n  size: 100\n  community:\n    from_file: net.csv\n");
        var loaded = ScenarioLoader.LoadFile(scenario, []);
        Assert.Equal(Path.Combine(_folder, "net.csv"), loaded.Variants[0].Model.Population.Community.FromFile);
    }

    /// <summary>
    /// The configuration-model check of NetworkSirTests, with the graph written to a CSV edge list and read back through
    /// population.community.from_file: the mean large-outbreak size must match bond percolation within the same tolerance.
    /// </summary>
    [Fact]
    public void FinalSize_ConfigurationModelFromFile_MatchesBondPercolation()
    {
        const int population = 20_000;
        const int infectiousDays = 2;
        const double transmissibility = 0.5;
        // As in NetworkSirTests: 2 percentage points around the theory (standard error about 0.2 points at this size).
        const double tolerance = 0.02;
        var graph = ConfigurationModel.Build(population, ConfigurationModel.Poisson(4), seed: 41);
        var path = Write("config.csv", "a,b\n" + string.Join("\n", graph.Edges.Select(e => $"{e.A},{e.B}")) + "\n");
        var world = WorldWith(population, path);
        var beta = 1 - Math.Pow(1 - transmissibility, 1.0 / infectiousDays);
        var model = SirModels.Sir(SirModels.OnlyCommunity(0, beta), infectiousDays, initialInfected: 5, days: 1000);

        var rates = SirModels.AttackRates(world, model, replicates: 10, firstSeed: 2000);
        var large = rates.Where(z => z >= 0.05).ToArray();
        var mean = large.Average();
        var theory = FinalSizeTheory.Percolation(graph.DegreeShares, transmissibility);
        output.WriteLine($"edge list poisson4: T={transmissibility}, large={large.Length}/10, theory S={theory:F4}, hcsim mean={mean:F4}");
        Assert.True(large.Length >= 5, $"most replicates should take off, got {large.Length} of 10");
        Assert.True(Math.Abs(mean - theory) < tolerance, $"mean large-outbreak size should be {theory:F4} +- {tolerance}, was {mean:F4}");
    }
}
