using System.Globalization;
using System.Text;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Cli;

/// <summary>
/// The summary printed after a run: one row per variant with the means of the headline metrics, as plain text that
/// fits <see cref="DefaultWidth"/> columns in a log as well as in a terminal. Headers take two short lines; a variant
/// name too long for its row (sweep names can be) is cut in the middle with an ellipsis, and a note under the table
/// says so. The peak column is the report's "peak quarantined" (<c>peak_quarantined</c>, home plus central).
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
        ("peak_quarantined", "peak", "quarant.", "N0"),
        ("never_infected_confined_person_days", "never-inf.", "conf. p-d", "N0"),
        ("recovered_confined_person_days", "recovered", "conf. p-d", "N0"),
        ("false_positive_share", "false pos.", "share", "P1"),
        ("infections_averted", "infections", "averted", "N0"),
    ];

    /// <summary>The paired differences from the reference shown under the table: metric, header, format of the mean.</summary>
    private static readonly (string Metric, string Header, string Format, double Scale)[] ReferenceColumns =
    [
        ("attack_rate", "attack rate (pp)", "+0.0;-0.0;0.0", 100),
        ("never_infected_confined_person_days", "never-inf. conf. p-d", "+#,0;-#,0;0", 1),
    ];

    /// <param name="reference">When set, a second table gives each other variant's paired difference from it with 95 % intervals.</param>
    public static string Render(IReadOnlyList<string> variants, IReadOnlyList<VariantStatistic> statistics, int width = DefaultWidth, string? reference = null)
    {
        var cells = variants.Select(v => Columns.Select(c => Cell(statistics, v, c.Metric, c.Format)).ToArray()).ToList();
        var widths = Columns.Select((c, i) => Math.Max(Math.Max(c.Top.Length, c.Bottom.Length), cells.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        var numbersWidth = widths.Sum() + Gap.Length * widths.Length;
        var (names, nameWidth) = Names(variants, width - numbersWidth);

        var text = new StringBuilder();
        text.Append("variant".PadRight(nameWidth)).Append(Numbers(Columns.Select(c => c.Top).ToArray(), widths)).Append('\n');
        text.Append(new string(' ', nameWidth)).Append(Numbers(Columns.Select(c => c.Bottom).ToArray(), widths)).Append('\n');
        text.Append(new string('-', Math.Min(width, nameWidth + numbersWidth))).Append('\n');
        for (var v = 0; v < variants.Count; v++)
        {
            text.Append(names[v].PadRight(nameWidth)).Append(Numbers(cells[v], widths)).Append('\n');
        }
        var n = statistics.Where(s => s.Metric == "attack_rate").Select(s => s.N).DefaultIfEmpty(0).Max();
        text.Append("peak quarant.: the report's peak quarantined (home + central).\n");
        text.Append(DataRecordsLines(variants, statistics, width));
        text.Append("conf. p-d: confined person-days of people never infected / recovered.\n");
        if (names.Where((name, i) => name != variants[i]).Any())
        {
            text.Append("… = variant name shortened to fit the table; full names in report.md.\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"Means over {n} replicate(s); - = undefined. Intervals: see report.md.\n");
        if (reference is not null && variants.Any(v => v != reference))
        {
            text.Append(ReferenceTable(variants.Where(v => v != reference).ToList(), statistics, width, reference));
        }
        return text.ToString();
    }

    /// <summary>Each variant minus the reference, replicate by replicate: mean [95 % paired t interval].</summary>
    private static string ReferenceTable(IReadOnlyList<string> variants, IReadOnlyList<VariantStatistic> statistics, int width, string reference)
    {
        var cells = variants.Select(v => ReferenceColumns.Select(c => DifferenceCell(statistics, v, c.Metric, c.Format, c.Scale)).ToArray()).ToList();
        var widths = ReferenceColumns.Select((c, i) => Math.Max(c.Header.Length, cells.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        var numbersWidth = widths.Sum() + Gap.Length * widths.Length;
        var (names, nameWidth) = Names(variants, width - numbersWidth);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"\nPaired difference from the reference {reference}, mean [95 %]:\n");
        text.Append("variant".PadRight(nameWidth)).Append(Numbers(ReferenceColumns.Select(c => c.Header).ToArray(), widths)).Append('\n');
        for (var v = 0; v < variants.Count; v++)
        {
            text.Append(names[v].PadRight(nameWidth)).Append(Numbers(cells[v], widths)).Append('\n');
        }
        return text.ToString();
    }

    private static string DifferenceCell(IReadOnlyList<VariantStatistic> statistics, string variant, string metric, string format, double scale)
    {
        var s = statistics.FirstOrDefault(x => x.Variant == variant && x.Metric == metric);
        if (s?.RefDiffMean is not { } mean)
        {
            return "-";
        }
        string F(double value) => (scale * value).ToString(format, CultureInfo.InvariantCulture);
        return s.RefDiffLow is { } low && s.RefDiffHigh is { } high ? $"{F(mean)} [{F(low)}, {F(high)}]" : F(mean);
    }

    /// <summary>
    /// The names as shown, one row each: a name longer than the room left by the numbers is cut in the middle with an
    /// ellipsis, keeping its start and its end (a sweep point's values are at the end), so a row never wraps.
    /// </summary>
    private static (string[] Names, int Width) Names(IReadOnlyList<string> variants, int room)
    {
        var longest = Math.Max("variant".Length, variants.Select(v => v.Length).DefaultIfEmpty(0).Max());
        var width = Math.Max(MinNameWidth, Math.Min(longest, room));
        return ([.. variants.Select(v => Shorten(v, width))], width);
    }

    /// <summary>Shortest width a name is cut to, even if the row then runs past the line width.</summary>
    private const int MinNameWidth = 12;

    internal static string Shorten(string name, int width)
    {
        if (name.Length <= width)
        {
            return name;
        }
        var tail = (width - 1) / 2;
        return name[..(width - 1 - tail)] + "…" + name[^tail..];
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
