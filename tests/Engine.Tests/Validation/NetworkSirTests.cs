using Xunit.Abstractions;

namespace Hcsim.Engine.Tests.Validation;

/// <summary>
/// Check 2: SIR on a static configuration-model graph is bond percolation with transmissibility T (Newman 2002): the
/// mean size of a large outbreak matches S = 1 - G0(1 + (u - 1) T), and below T_c = &lt;k&gt; / (&lt;k^2&gt; - &lt;k&gt;)
/// there is no large outbreak.
/// </summary>
public class NetworkSirTests(ITestOutputHelper output)
{
    // Setup: the only transmitting layer is the community graph, built here by stub matching. contacts_per_day is far
    // above the mean degree, so the daily edge probability min(1, contacts_per_day / mean degree) is 1: every edge is
    // active every day. An infector transmits along an edge with probability beta each of its D = 2 infectious days,
    // independently (stream Transmission keyed by day, infector, target), so each edge transmits with
    // T = 1 - (1 - beta)^D whatever happens elsewhere. With a fixed infectious period T is the same for every edge and
    // both directions, which makes the final outbreak exactly the cluster of the seeds in a bond-percolated graph.
    private const int Population = 20_000;
    private const int InfectiousDays = 2;
    private const int InitialInfected = 5;
    private const double ContactsPerDayAboveAnyDegree = 1000;
    // A replicate whose attack rate reaches 5 % is a large outbreak; the finite clusters of 5 seeds are a few dozen people.
    private const double LargeOutbreakShare = 0.05;
    // Tolerance for the mean large outbreak: 2 percentage points. The standard error over the replicates is about
    // 0.2 points at N = 20,000 (printed), the seeds' own finite clusters add below 0.1 points, and the dropped
    // self-loops and repeated edges are accounted for by feeding the theory the realised degree distribution.
    private const double Tolerance = 0.02;
    // Below threshold: mean attack rate below 1 % (the expected total is 5 seeds times a finite mean cluster size).
    private const double SubcriticalLimit = 0.01;

    public static TheoryData<string, double, int> Graphs => new()
    {
        // Poisson mean 4: T_c = 1/4. T = 0.5 is well above.
        { "poisson4", 0.5, 10 },
        // Half degree 2, half degree 10: <k> = 6, <k^2> = 52, T_c = 6/46 = 0.13; heterogeneity matters here.
        { "mixed2-10", 0.3, 10 },
    };

    public static TheoryData<string> GraphNames => new() { "poisson4", "mixed2-10" };

    private static ConfigurationModel BuildGraph(string name) => name switch
    {
        "poisson4" => ConfigurationModel.Build(Population, ConfigurationModel.Poisson(4), seed: 41),
        _ => ConfigurationModel.Build(Population, ConfigurationModel.TwoDegrees(2, 0.5, 10), seed: 42),
    };

    private static double BetaFor(double transmissibility) => 1 - Math.Pow(1 - transmissibility, 1.0 / InfectiousDays);

    [Theory]
    [MemberData(nameof(Graphs))]
    public void FinalSize_ConfigurationModelAboveThreshold_MatchesBondPercolation(string graphName, double transmissibility, int replicates)
    {
        var graph = BuildGraph(graphName);
        var world = SirModels.Graph(Population, graph.Edges);
        var model = SirModels.Sir(SirModels.OnlyCommunity(ContactsPerDayAboveAnyDegree, BetaFor(transmissibility)), InfectiousDays, InitialInfected, days: 1000);

        var rates = SirModels.AttackRates(world, model, replicates, firstSeed: 2000);
        var large = rates.Where(z => z >= LargeOutbreakShare).ToArray();
        var mean = large.Average();
        var sd = large.Length > 1 ? Math.Sqrt(large.Sum(z => (z - mean) * (z - mean)) / (large.Length - 1)) : 0;
        var theory = FinalSizeTheory.Percolation(graph.DegreeShares, transmissibility);
        var threshold = FinalSizeTheory.PercolationThreshold(graph.DegreeShares);

        output.WriteLine($"network {graphName}: N={Population}, T={transmissibility}, T_c={threshold:F4}, replicates={replicates}, " +
            $"large={large.Length}, theory S={theory:F4}, hcsim mean={mean:F4} (sd {sd:F4}, se {sd / Math.Sqrt(large.Length):F4})");

        Assert.True(transmissibility > 1.5 * threshold, $"T = {transmissibility} should be well above the threshold {threshold:F3}");
        Assert.True(large.Length >= replicates / 2, $"most replicates should take off, got {large.Length} of {replicates}");
        Assert.True(Math.Abs(mean - theory) < Tolerance,
            $"mean large-outbreak size should be {theory:F4} +- {Tolerance} on {graphName} at T = {transmissibility}, was {mean:F4}");
    }

    [Theory]
    [MemberData(nameof(GraphNames))]
    public void FinalSize_ConfigurationModelBelowThreshold_StaysSmall(string graphName)
    {
        const int replicates = 10;
        var graph = BuildGraph(graphName);
        var threshold = FinalSizeTheory.PercolationThreshold(graph.DegreeShares);
        // Two thirds of the threshold: mean cluster size from one seed is then 1 + T<k> / (1 - T / T_c), a handful.
        var transmissibility = threshold * 2 / 3;
        var world = SirModels.Graph(Population, graph.Edges);
        var model = SirModels.Sir(SirModels.OnlyCommunity(ContactsPerDayAboveAnyDegree, BetaFor(transmissibility)), InfectiousDays, InitialInfected, days: 1000);

        var rates = SirModels.AttackRates(world, model, replicates, firstSeed: 3000);
        var mean = rates.Average();

        output.WriteLine($"network {graphName} below threshold: T={transmissibility:F4} (T_c={threshold:F4}), replicates={replicates}, " +
            $"hcsim mean attack={mean:F5}, max={rates.Max():F5}, theory S=0");

        Assert.True(FinalSizeTheory.Percolation(graph.DegreeShares, transmissibility) < 1e-6, "the theory should give no giant cluster below T_c");
        Assert.True(mean < SubcriticalLimit, $"mean attack rate below the threshold should stay under {SubcriticalLimit}, was {mean:F5}");
    }
}
