using System.Globalization;
using System.Text;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Cli;

/// <summary>
/// The summary printed after a run: one row per variant with the means of the headline metrics, as plain text that
/// fits <see cref="DefaultWidth"/> columns in a log as well as in a terminal. Headers take two short lines; when the
/// variant names are too long for one row (sweep names are), each variant's name gets its own line above its numbers.
/// Confinement of never-infected people (false positives) and of recovered people (held after the infection) is shown
/// in separate columns, since only the first is a cost of wrong detection. The data records (the surveillance cost)
/// follow the table as a wrapped list, compact (k = thousand, M = million), so the table keeps its one-line rows.
/// </summary>
public static class ConsoleSummary
{
    public const int DefaultWidth = 80;
    private const string Gap = "  ";

    private static readonly (string Metric, string Top, string Bottom, string Format)[] Columns =
    [
        ("attack_rate", "attack", "rate", "P1"),
        ("peak_quarantined", "peak", "confined", "N0"),
        ("never_infected_confined_person_days", "never-inf.", "conf. p-d", "N0"),
        ("recovered_confined_person_days", "recovered", "conf. p-d", "N0"),
        ("false_positive_share", "false pos.", "share", "P1"),
        ("infections_averted", "infections", "averted", "N0"),
    ];

    public static string Render(IReadOnlyList<string> variants, IReadOnlyList<VariantStatistic> statistics, int width = DefaultWidth)
    {
        var cells = variants.Select(v => Columns.Select(c => Cell(statistics, v, c.Metric, c.Format)).ToArray()).ToList();
        var widths = Columns.Select((c, i) => Math.Max(Math.Max(c.Top.Length, c.Bottom.Length), cells.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        var numbersWidth = widths.Sum() + Gap.Length * widths.Length;
        var nameWidth = Math.Max("variant".Length, variants.Select(v => v.Length).DefaultIfEmpty(0).Max());
        var oneLine = nameWidth + numbersWidth <= width;
        var indent = oneLine ? nameWidth : 2;

        var text = new StringBuilder();
        text.Append((oneLine ? "variant" : "").PadRight(indent)).Append(Numbers(Columns.Select(c => c.Top).ToArray(), widths)).Append('\n');
        text.Append(new string(' ', indent)).Append(Numbers(Columns.Select(c => c.Bottom).ToArray(), widths)).Append('\n');
        text.Append(new string('-', Math.Min(width, indent + numbersWidth))).Append('\n');
        for (var v = 0; v < variants.Count; v++)
        {
            if (oneLine)
            {
                text.Append(variants[v].PadRight(nameWidth));
            }
            else
            {
                text.Append(variants[v]).Append('\n').Append(new string(' ', indent));
            }
            text.Append(Numbers(cells[v], widths)).Append('\n');
        }
        var n = statistics.Where(s => s.Metric == "attack_rate").Select(s => s.N).DefaultIfEmpty(0).Max();
        text.Append(DataRecordsLines(variants, statistics, width));
        text.Append("conf. p-d: confined person-days of people never infected / recovered.\n");
        text.Append(CultureInfo.InvariantCulture, $"Means over {n} replicate(s); - = undefined. Intervals: see report.md.\n");
        return text.ToString();
    }

    private static string Numbers(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(Gap).Append(cells[i].PadLeft(widths[i]));
        }
        return line.ToString().TrimEnd();
    }

    private static string Cell(IReadOnlyList<VariantStatistic> statistics, string variant, string metric, string format)
    {
        var mean = statistics.FirstOrDefault(s => s.Variant == variant && s.Metric == metric)?.Mean;
        return mean is { } value ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
    }

    /// <summary>"data records (...): v1 5.45M, v2 0, ..." wrapped at <paramref name="width"/>, continuation lines indented.</summary>
    private static string DataRecordsLines(IReadOnlyList<string> variants, IReadOnlyList<VariantStatistic> statistics, int width)
    {
        var text = new StringBuilder();
        var line = new StringBuilder("data records (check-ins, tests, scans, contacts and scans consulted):");
        for (var v = 0; v < variants.Count; v++)
        {
            var mean = statistics.FirstOrDefault(s => s.Variant == variants[v] && s.Metric == "data_records")?.Mean;
            var item = $"{variants[v]} {(mean is { } value ? CompactCount(value) : "-")}{(v + 1 < variants.Count ? "," : "")}";
            if (line.Length + 1 + item.Length > width && line.Length > 2)
            {
                text.Append(line).Append('\n');
                line.Clear().Append(' ');
            }
            line.Append(' ').Append(item);
        }
        return text.Append(line).Append('\n').ToString();
    }

    /// <summary>A non-negative count in at most six characters: 999, 12.3k, 4.56M, 1.20G.</summary>
    internal static string CompactCount(double value)
    {
        string[] suffixes = ["", "k", "M", "G", "T"];
        var scale = 0;
        while (Math.Abs(value) >= 999.5 && scale < suffixes.Length - 1)
        {
            value /= 1000;
            scale++;
        }
        var digits = scale == 0 ? "0" : Math.Abs(value) >= 99.95 ? "0" : Math.Abs(value) >= 9.995 ? "0.0" : "0.00";
        return value.ToString(digits, CultureInfo.InvariantCulture) + suffixes[scale];
    }
}
