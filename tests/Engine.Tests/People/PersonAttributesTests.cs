using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.People;
using Hcsim.Engine.Rules;

namespace Hcsim.Engine.Tests.People;

public sealed class PersonAttributesTests
{
    private const int People = 200_000;

    /// <summary>200,000 people, ages 0..99 in turn (2,000 of each age), each alone in a household.</summary>
    private static World Population() =>
        World.FromParts([.. Enumerable.Range(0, People).Select(i => (byte)(i % 100))], [.. Enumerable.Repeat(1, People)],
            [.. Enumerable.Repeat(-1, People)], [.. Enumerable.Repeat(-1, People)], []);

    private static readonly ImmutableDictionary<string, AttributeConfig> Declared = new Dictionary<string, AttributeConfig>
    {
        ["smoker"] = new()
        {
            Kind = AttributeKinds.Boolean,
            ByAge = [new() { MinAge = 15, MaxAge = 59, Share = 0.3 }, new() { MinAge = 60, MaxAge = 120, Share = 0.1 }],
        },
        ["exercise"] = new()
        {
            Kind = AttributeKinds.Number,
            ByAge = [new() { MinAge = 0, MaxAge = 49, Distribution = "normal", Mean = 3, Sd = 1 }, new() { MinAge = 50, MaxAge = 120, Distribution = "uniform", Low = 1, High = 5 }],
        },
        ["sleep"] = new()
        {
            Kind = AttributeKinds.Number,
            ByAge = [new() { MinAge = 0, MaxAge = 120, Distribution = "lognormal", Mean = 7, Sd = 1.5 }],
        },
    }.ToImmutableDictionary();

    [Fact]
    public void Draw_BooleanByAgeBand_SharesComeOutAsDeclared()
    {
        var world = Population();
        var attributes = PersonAttributes.Draw(world, Declared, seed: 11);
        var smoker = attributes.Declared.Find("smoker")!;
        var column = attributes.FlagColumn(smoker.Column).ToArray();
        double Share(int min, int max)
        {
            var (held, people) = (0, 0);
            for (var i = 0; i < People; i++)
            {
                if (world.AgeYears[i] >= min && world.AgeYears[i] <= max)
                {
                    people++;
                    held += column[i];
                }
            }
            return (double)held / people;
        }
        // 90,000 and 80,000 people in the bands: a standard error below 0.0016, so 0.01 is over six of them.
        Assert.True(Math.Abs(Share(15, 59) - 0.3) < 0.01, $"ages 15-59 should smoke with share 0.3, got {Share(15, 59)}");
        Assert.True(Math.Abs(Share(60, 99) - 0.1) < 0.01, $"ages 60+ should smoke with share 0.1, got {Share(60, 99)}");
        Assert.True(Share(0, 14) == 0, $"ages outside every band should never hold a boolean attribute, got {Share(0, 14)}");
    }

    [Theory]
    [InlineData("exercise", 0, 49, 3.0, 1.0)]
    [InlineData("exercise", 50, 99, 3.0, 1.1547)]
    [InlineData("sleep", 0, 99, 7.0, 1.5)]
    public void Draw_NumberByAgeBand_MeanAndSdComeOutAsDeclared(string name, int minAge, int maxAge, double mean, double sd)
    {
        var world = Population();
        var attributes = PersonAttributes.Draw(world, Declared, seed: 11);
        var column = attributes.NumberColumn(attributes.Declared.Find(name)!.Column);
        var values = new List<double>();
        for (var i = 0; i < People; i++)
        {
            if (world.AgeYears[i] >= minAge && world.AgeYears[i] <= maxAge)
            {
                values.Add(column[i]);
            }
        }
        var m = values.Average();
        var s = Math.Sqrt(values.Sum(v => (v - m) * (v - m)) / (values.Count - 1));
        // At least 100,000 values: the standard error of the mean is below 0.005; 0.03 leaves room for the float columns.
        Assert.True(Math.Abs(m - mean) < 0.03, $"{name} at ages {minAge}-{maxAge} should have mean {mean}, got {m}");
        Assert.True(Math.Abs(s - sd) < 0.03, $"{name} at ages {minAge}-{maxAge} should have sd {sd}, got {s}");
    }

    [Fact]
    public void Draw_AnotherAttributeDeclared_LeavesEachColumnUnchanged()
    {
        var world = Population();
        var alone = PersonAttributes.Draw(world, Declared.Remove("exercise").Remove("sleep"), seed: 11);
        var all = PersonAttributes.Draw(world, Declared, seed: 11);
        Assert.True(alone.FlagColumn(0).SequenceEqual(all.FlagColumn(all.Declared.Find("smoker")!.Column)),
            "declaring more attributes should not change the draws of another (each attribute is keyed by its name)");
        var reseeded = PersonAttributes.Draw(world, Declared, seed: 12);
        Assert.False(reseeded.FlagColumn(0).SequenceEqual(all.FlagColumn(0)), "another seed should draw other attributes");
    }

    [Fact]
    public void Compile_AttributeNames_ReadThePersonsColumns()
    {
        var world = World.FromParts([30, 30, 30, 30], [1, 1, 1, 1], [-1, -1, -1, -1], [-1, -1, -1, -1], []);
        var declared = DeclaredAttributes.Of(Declared);
        var smoker = declared.Find("smoker")!;
        var exercise = declared.Find("exercise")!;
        var flags = new byte[declared.Flags][];
        flags[smoker.Column] = [1, 1, 0, 0];
        var numbers = new float[declared.Numbers][];
        numbers[exercise.Column] = [1, 3, 1, 3];
        numbers[declared.Find("sleep")!.Column] = [7, 7, 7, 7];
        var attributes = new PersonAttributes(declared, flags, numbers);
        var condition = RuleCompiler.Compile("smoker && exercise < limit", new Dictionary<string, double> { ["limit"] = 2 }, declared, out _);
        var matches = Enumerable.Range(0, world.Size).Where(i =>
        {
            var facts = new PersonFacts { Agent = i, Attributes = attributes };
            return condition(ref facts);
        }).ToArray();
        Assert.True(matches.SequenceEqual([0]), $"only person 0 smokes and exercises less than 2, got [{string.Join(", ", matches)}]");
        Assert.Throws<RuleExpressionException>(() => RuleCompiler.Compile("smoker", new Dictionary<string, double>(), out _));
    }
}
