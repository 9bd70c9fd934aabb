using Hcsim.Engine.Calibration;
using Hcsim.Engine.Search;

namespace Hcsim.Engine.Tests.Search;

/// <summary>NSGA-II on closed-form problems with a known front: convergence, spread, determinism, budget and resume.</summary>
public sealed class SearchLoopTests
{
    private static Task<SearchOutcome> Run(Zdt problem, SearchConfig config, ulong seed, IReadOnlyList<SearchGeneration>? done = null, CalibrationBudget? budget = null) =>
        new SearchLoop(config, seed).RunAsync(problem, done ?? [], (_, _) => Task.CompletedTask, budget ?? new CalibrationBudget(), null, CancellationToken.None);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_Zdt_FindsTheFrontWithinTolerance(bool concave)
    {
        var problem = new Zdt(concave);
        var config = Zdt.Config(variables: 3, population: 40, generations: 60);

        var outcome = await Run(problem, config, seed: 7);

        var last = outcome.Generations[^1];
        var archive = outcome.Candidates.ToDictionary(c => c.Id);
        var front = SearchAssessment.Assess(last.Survivors.Select(id => archive[id]), config.Objectives).Where(c => c.Rank == 0).ToArray();
        var distances = front.Select(c => problem.DistanceToFront(c.Mean(0), c.Mean(1))).ToArray();
        var generational = Math.Sqrt(distances.Sum(d => d * d)) / distances.Length;
        // Tolerance: generational distance (Van Veldhuizen's: root of the summed squares over the count) below 0.01, at
        // least 95 % of the points within 0.05 of the front (on ZDT2 a point at f1 = 0 with a larger f2 is not dominated
        // by the mean, a known edge of Pareto dominance), and the points spread over the whole front (f1 from below 0.05 to above 0.95).
        Assert.True(generational < 0.01, $"the final front should lie on the known front (generational distance < 0.01), got {generational:G4}");
        var near = distances.Count(d => d < 0.05);
        Assert.True(near >= 0.95 * distances.Length, $"95 % of the front points should be within 0.05 of the known front, {near} of {distances.Length} are: {string.Join("; ", front.Select(c => $"{c.Mean(0):G3},{c.Mean(1):G3}"))}");
        Assert.True(front.Min(c => c.Mean(0)) < 0.05 && front.Max(c => c.Mean(0)) > 0.95,
            $"the front should cover f1 from 0 to 1, got {front.Min(c => c.Mean(0)):G3} to {front.Max(c => c.Mean(0)):G3}");
        Assert.True(front.Length >= 30, $"most of the 40 survivors should be on the front, got {front.Length}");
    }

    [Fact]
    public async Task RunAsync_SameSeed_SameCandidates()
    {
        var config = Zdt.Config(variables: 3, population: 12, generations: 5);

        var first = await Run(new Zdt(false), config, seed: 3);
        var second = await Run(new Zdt(false), config, seed: 3);
        var other = await Run(new Zdt(false), config, seed: 4);

        Assert.True(first.Candidates.Select(c => c.Values).SequenceEqual(second.Candidates.Select(c => c.Values), new ValuesComparer()),
            "the same seed should propose the same candidates");
        Assert.False(first.Candidates.Select(c => c.Values).SequenceEqual(other.Candidates.Select(c => c.Values), new ValuesComparer()),
            "another seed should propose other candidates");
    }

    [Fact]
    public async Task RunAsync_ResumedFromGenerations_EqualsUninterrupted()
    {
        var config = Zdt.Config(variables: 2, population: 8, generations: 6);
        var whole = await Run(new Zdt(false), config, seed: 11);

        var resumed = await Run(new Zdt(false), config, seed: 11, done: [.. whole.Generations.Take(3)]);

        Assert.True(whole.Candidates.Select(c => c.Values).SequenceEqual(resumed.Candidates.Select(c => c.Values), new ValuesComparer())
            && whole.Generations[^1].Survivors.SequenceEqual(resumed.Generations[^1].Survivors),
            "a search continued from its first three generations should end as the uninterrupted one");
    }

    [Fact]
    public async Task RunAsync_BudgetOfRuns_StopsBeforeTheGenerationThatWouldExceedIt()
    {
        var problem = new Zdt(false);
        var config = Zdt.Config(variables: 2, population: 10, generations: 6);

        var outcome = await Run(problem, config, seed: 1, budget: new CalibrationBudget { MaxRuns = 35 });

        Assert.True(outcome.Generations.Length == 3 && outcome.Runs == 30 && outcome.StopReason == SearchLoop.StopRuns && problem.Evaluations == 30,
            $"a budget of 35 runs should allow three generations of 10, got {outcome.Generations.Length} ({outcome.Runs} runs, {outcome.StopReason})");
    }

    [Fact]
    public async Task Offspring_IntegerAndValueSetVariables_StayOnTheirValues()
    {
        var config = new SearchConfig
        {
            PopulationSize = 10,
            Generations = 4,
            Replicates = 1,
            Variables =
            [
                new SearchVariableConfig { Path = "a", Min = 7, Max = 21, Integer = true },
                new SearchVariableConfig { Path = "b", Values = [0, 1] },
                new SearchVariableConfig { Path = "c", Min = 0, Max = 1 },
            ],
            Objectives = Zdt.Config(2, 10, 4).Objectives,
        };

        var outcome = await new SearchLoop(config, 5).RunAsync(new Zdt(false), [], (_, _) => Task.CompletedTask, new CalibrationBudget(), null, CancellationToken.None);

        Assert.True(outcome.Candidates.All(c => c.Values[0] is >= 7 and <= 21 && c.Values[0] == Math.Round(c.Values[0]) && c.Values[1] is 0 or 1),
            "integer variables should stay whole numbers in range and value sets on their values");
        Assert.True(outcome.Candidates.Select(c => c.Values[1]).Distinct().Count() == 2, "both values of a switch should be tried");
    }

    private sealed class ValuesComparer : IEqualityComparer<System.Collections.Immutable.ImmutableArray<double>>
    {
        public bool Equals(System.Collections.Immutable.ImmutableArray<double> x, System.Collections.Immutable.ImmutableArray<double> y) => x.SequenceEqual(y);

        public int GetHashCode(System.Collections.Immutable.ImmutableArray<double> obj) => obj.Length;
    }
}
