using System.Collections.Immutable;
using Hcsim.Engine.Search;

namespace Hcsim.Engine.Tests.Search;

/// <summary>
/// The ZDT test problems (Zitzler, Deb and Thiele 2000) in closed form, as a search evaluator: no simulation, one
/// replicate, both objectives minimised. With x in [0, 1]^n, f1 = x1, g = 1 + 9 / (n - 1) sum(x2..xn); ZDT1 has f2 =
/// g (1 - sqrt(f1 / g)), ZDT2 f2 = g (1 - (f1 / g)^2). The Pareto front is g = 1: f2 = 1 - sqrt(f1) (convex) or 1 - f1^2
/// (concave), f1 in [0, 1].
/// </summary>
internal sealed class Zdt(bool concave) : ISearchEvaluator
{
    public int RunsPerCandidate => 1;

    public int Evaluations { get; private set; }

    public static SearchConfig Config(int variables, int population, int generations) => new()
    {
        PopulationSize = population,
        Generations = generations,
        Replicates = 1,
        Variables = [.. Enumerable.Range(0, variables).Select(k => new SearchVariableConfig { Path = $"x{k}", Min = 0, Max = 1 })],
        Objectives = [new SearchObjectiveConfig { Metric = "f1", Direction = SearchObjectiveConfig.Minimise }, new SearchObjectiveConfig { Metric = "f2", Direction = SearchObjectiveConfig.Minimise }],
    };

    public (double F1, double F2) Objectives(IReadOnlyList<double> x)
    {
        var g = 1 + 9.0 / (x.Count - 1) * x.Skip(1).Sum();
        var f1 = x[0];
        return (f1, g * (1 - (concave ? Math.Pow(f1 / g, 2) : Math.Sqrt(f1 / g))));
    }

    /// <summary>The front's f2 at <paramref name="f1"/>.</summary>
    public double Front(double f1) => concave ? 1 - f1 * f1 : 1 - Math.Sqrt(f1);

    /// <summary>Distance in objective space from a point to the front (by dense sampling of the front).</summary>
    public double DistanceToFront(double f1, double f2) =>
        Enumerable.Range(0, 2001).Select(i => i / 2000.0).Min(x => Math.Sqrt((f1 - x) * (f1 - x) + (f2 - Front(x)) * (f2 - Front(x))));

    public Task<IReadOnlyList<ImmutableArray<ImmutableArray<double>>>> EvaluateAsync(IReadOnlyList<ImmutableArray<double>> values, CancellationToken cancellationToken)
    {
        Evaluations += values.Count;
        IReadOnlyList<ImmutableArray<ImmutableArray<double>>> result = [.. values.Select(v =>
        {
            var (f1, f2) = Objectives(v);
            return ImmutableArray.Create(ImmutableArray.Create(f1), ImmutableArray.Create(f2));
        })];
        return Task.FromResult(result);
    }
}
