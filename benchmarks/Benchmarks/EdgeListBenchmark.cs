using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Hcsim.Engine.Agents;
using Hcsim.Engine.People;

namespace Hcsim.Benchmarks;

/// <summary>
/// Reading a measured contact network (population.community.from_file): a CSV edge list of 10 million edges among
/// 2 million people (mean degree 10), streamed into CSR. The file is generated once in the setup (about 150 MB).
/// </summary>
[MemoryDiagnoser]
public class EdgeListBenchmark
{
    private const int People = 2_000_000;
    private string _path = "";

    [Params(10_000_000)]
    public int Edges { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"hcsim-bench-edges-{Edges}.csv");
        if (File.Exists(_path))
        {
            return;
        }
        using var writer = new StreamWriter(_path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("a,b\n");
        // Edge e joins person e % People with a person a pseudo-random distance ahead: distinct pairs, no self loops.
        for (var e = 0; e < Edges; e++)
        {
            var a = e % People;
            var round = e / People;
            var b = (a + 1 + (round * 7919) + ((a * 31) % 97)) % People;
            writer.Write(a.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(b.ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    [Benchmark]
    public CommunityGraph Read() => EdgeListFile.Read(_path, People, 1);
}
