using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Testing;

/// <summary>
/// The lab's daily accounting columns: samples taken, their wait in the queue, the queue left, and their cost. They are
/// present when a test kind uses a feature they measure (a capacity, a cost, a sensitivity curve or pooling), so scenarios that
/// use none keep the daily table they had.
/// </summary>
public sealed class TestLabColumns
{
    public static readonly PartColumn SamplesColumn = new("samples", "Samples taken today (all kinds); with a capacity, at most the sum of capacity_per_day.");
    public static readonly PartColumn WaitColumn = new("sample_wait_days", "Days today's samples waited in the queue, summed (sampling day minus order day): their mean wait is sample_wait_days / samples.");
    public static readonly PartColumn WaitMaxColumn = new("sample_wait_max_days", "The longest wait, in days, among today's samples (0 when none).");
    public static readonly PartColumn WaitingColumn = new("samples_waiting", "Orders still waiting for a sample at the end of the day (the lab's queue, all kinds).");
    public static readonly PartColumn TubesColumn = new("tubes", "Tubes run today (all kinds): one per sample for unpooled kinds, one per pool plus one per individual retest for pooled kinds.");
    public static readonly PartColumn CostColumn = new("test_cost", "Cost of today's tubes: each kind's cost_per_test times its tubes, in the scenario's currency units.");

    private TestLabColumns(int[][] values)
    {
        Samples = values[0];
        WaitDays = values[1];
        WaitMaxDays = values[2];
        Waiting = values[3];
        Tubes = values[4];
        Cost = values[5];
        var kinds = (values.Length - 6) / 2;
        SamplesByKind = values[6..(6 + kinds)];
        TubesByKind = values[(6 + kinds)..];
    }

    public int[] Samples { get; }
    public int[] WaitDays { get; }
    public int[] WaitMaxDays { get; }
    public int[] Waiting { get; }
    public int[] Tubes { get; }
    public int[] Cost { get; }
    /// <summary>Samples taken today by kind, in the lab's kind order.</summary>
    public int[][] SamplesByKind { get; }
    /// <summary>Tubes run today by kind, in the lab's kind order.</summary>
    public int[][] TubesByKind { get; }

    /// <summary>Whether a kind of <paramref name="model"/> has a capacity, a cost, a sensitivity curve or pooling.</summary>
    public static bool IsOn(ModelConfig model) => model.Tests.Values.Any(k =>
        k.CapacityPerDay > 0 || k.CostPerTest > 0 || k.SensitivityCurve != "flat" || !k.SensitivityByDay.IsDefaultOrEmpty || k.PoolSize > 1);

    /// <summary>The columns, in order: the six totals, then <c>samples_KIND</c> and <c>tubes_KIND</c> for each kind.</summary>
    public static IReadOnlyList<PartColumn> For(IReadOnlyList<TestKind> kinds) =>
    [
        SamplesColumn, WaitColumn, WaitMaxColumn, WaitingColumn, TubesColumn, CostColumn,
        .. kinds.Select(k => new PartColumn($"samples_{k.Name}", $"Samples of the {k.Name} test taken today (individual retests of positive pools included).")),
        .. kinds.Select(k => new PartColumn($"tubes_{k.Name}", $"Tubes of the {k.Name} test run today.")),
    ];

    /// <summary>Adds the columns to a run's daily table.</summary>
    public static TestLabColumns AddTo(DailyMetrics daily, IReadOnlyList<TestKind> kinds) =>
        new([.. For(kinds).Select(daily.AddPartColumn)]);
}
