using System.Collections.Immutable;
using System.Reflection;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Calibration;

/// <summary>
/// What a calibration target reads from a run: a daily column aggregated over a window of days, a summary column, or
/// the ratio of two such. Summary columns are the run summary's numbers under their snake_case names (those of
/// <c>summary.parquet</c>) and the part totals. Null means undefined (a ratio over 0, an empty summary cell).
/// </summary>
public static class TargetMetric
{
    public static readonly ImmutableArray<string> Aggregates = ["mean", "sum", "last"];

    private static readonly ImmutableDictionary<string, PropertyInfo> SummaryProperties = typeof(RunSummary)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => IsNumber(p.PropertyType) && p.Name is not (nameof(RunSummary.Replicate) or nameof(RunSummary.Seed)))
        .ToImmutableDictionary(p => SettingNames.ToSnakeCase(p.Name), StringComparer.Ordinal);

    /// <summary>The daily column names of a model's runs.</summary>
    public static IReadOnlyList<string> DailyNames(ModelConfig model)
    {
        var daily = new DailyMetrics(0, model.Policy.Colours);
        foreach (var part in SimulationRun.PartColumns(model))
        {
            daily.AddPartColumn(part);
        }
        return [.. daily.Columns().Select(c => c.Name)];
    }

    /// <summary>The summary column names of a model's runs (numbers only).</summary>
    public static IReadOnlyList<string> SummaryNames(ModelConfig model) =>
        [.. SummaryProperties.Keys.Order(StringComparer.Ordinal), .. PartTotals.Columns([.. SimulationRun.PartColumns(model).Select(c => c.Name)]).Select(c => c.Name)];

    /// <summary>The target's value in one run (the window's aggregate, or the ratio of two).</summary>
    public static double? Value(RunResult run, CalibrationTargetConfig target)
    {
        var last = run.Daily.DaysSimulated - 1;
        var from = Math.Min(target.FromDay, last);
        var to = Math.Min(target.ToDay ?? last, last);
        var value = Read(run, target.Metric, from, to, target.Aggregate);
        if (target.Per is not { } per)
        {
            return value;
        }
        var denominator = Read(run, per, from, to, target.Aggregate);
        return value is { } n && denominator is { } d && d != 0 ? n / d : null;
    }

    /// <summary>The target's value on each day of its series (null on a day the run did not reach).</summary>
    public static double?[] SeriesValues(RunResult run, CalibrationTargetConfig target)
    {
        var values = new double?[target.SeriesPoints.Length];
        for (var k = 0; k < values.Length; k++)
        {
            var day = target.SeriesPoints[k].Day;
            if (day >= run.Daily.DaysSimulated)
            {
                continue;
            }
            var value = Read(run, target.Metric, day, day, "last");
            if (target.Per is { } per)
            {
                var denominator = Read(run, per, day, day, "last");
                value = value is { } n && denominator is { } d && d != 0 ? n / d : null;
            }
            values[k] = value;
        }
        return values;
    }

    private static double? Read(RunResult run, string name, int from, int to, string aggregate)
    {
        if (run.Daily.Columns().FirstOrDefault(c => c.Name == name) is { } column)
        {
            if (to < from || from < 0)
            {
                return null;
            }
            double sum = 0;
            for (var day = from; day <= to; day++)
            {
                sum += column.Values[day];
            }
            return aggregate switch
            {
                "sum" => sum,
                "last" => column.Values[to],
                _ => sum / (to - from + 1),
            };
        }
        return SummaryValue(run, name);
    }

    /// <summary>A summary column's value in one run (null when empty or not a summary column).</summary>
    public static double? SummaryValue(RunResult run, string name)
    {
        if (SummaryProperties.TryGetValue(name, out var property))
        {
            return property.GetValue(run.Summary) switch
            {
                int i => i,
                long l => l,
                double d => d,
                bool b => b ? 1 : 0,
                _ => null,
            };
        }
        return run.Summary.PartTotals.FirstOrDefault(t => t.Name == name)?.Value;
    }

    private static bool IsNumber(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(bool);
    }
}
