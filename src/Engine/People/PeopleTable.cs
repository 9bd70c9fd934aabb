using System.Collections.Immutable;
using Hcsim.Engine.Errors;

namespace Hcsim.Engine.People;

/// <summary>
/// A people table read from a file (<c>population.from_file</c>): one row per person in index order, with the column
/// <c>age</c> and optionally <c>household</c> (people of a household on consecutive rows; without the column everyone
/// lives alone), <c>district</c> (a whole number at least 0 per person; kept here for the districts part) and any
/// other columns as numbers, which declared attributes of the same name take instead of drawing.
/// </summary>
public sealed class PeopleTable
{
    public const string SettingPath = "population.from_file";
    public const string AgeColumn = "age";
    public const string HouseholdColumn = "household";
    public const string DistrictColumn = "district";

    private PeopleTable(string path, byte[] ages, int[] householdStart, int[]? district, ImmutableDictionary<string, float[]> columns, ImmutableDictionary<string, int> columnNumbers)
    {
        Path = path;
        Ages = ages;
        HouseholdStart = householdStart;
        District = district;
        Columns = columns;
        _columnNumbers = columnNumbers;
    }

    private readonly ImmutableDictionary<string, int> _columnNumbers;

    public string Path { get; }
    public byte[] Ages { get; }
    /// <summary>Household h is people <c>[HouseholdStart[h], HouseholdStart[h+1])</c>.</summary>
    public int[] HouseholdStart { get; }
    /// <summary>Each person's district from the <c>district</c> column (at least 0); null without the column.</summary>
    public int[]? District { get; }
    /// <summary>The other columns by name, one float per person: attribute values.</summary>
    public ImmutableDictionary<string, float[]> Columns { get; }

    /// <summary>An error about a value of column <paramref name="name"/> on a line of the file.</summary>
    public ScenarioValidationException Error(string name, int line, string message) =>
        new([new ScenarioError(Path, line, _columnNumbers.GetValueOrDefault(name) + 1, SettingPath, $"column '{name}': {message}")]);

    /// <param name="people">population.size: the table must have exactly this many rows.</param>
    /// <param name="readers">How to open the file (CSV, or Parquet through a passed reader); null = CSV only.</param>
    public static PeopleTable Read(string path, int people, DataFileReaders? readers = null)
    {
        using var rows = (readers ?? DataFileReaders.CsvOnly).Open(path, SettingPath);
        var (age, household, district) = (rows.Columns.IndexOf(AgeColumn), rows.Columns.IndexOf(HouseholdColumn), rows.Columns.IndexOf(DistrictColumn));
        if (age < 0)
        {
            throw rows.Error(1, 1, $"the people table has no column 'age': its header must name age (and optionally household, district and attribute columns), got {string.Join(",", rows.Columns)}");
        }
        var numbers = ImmutableDictionary.CreateBuilder<string, int>();
        for (var c = 0; c < rows.Columns.Length; c++)
        {
            if (!Scenarios.ScenarioValidator.IdentifierPattern.IsMatch(rows.Columns[c]))
            {
                throw rows.Error(1, c + 1, $"column name '{rows.Columns[c]}' must match [a-z][a-z0-9_]* (attribute columns are named like attributes)");
            }
            if (!numbers.TryAdd(rows.Columns[c], c))
            {
                throw rows.Error(1, c + 1, $"column '{rows.Columns[c]}' appears twice");
            }
        }
        var ages = new byte[people];
        var districts = district >= 0 ? new int[people] : null;
        var extra = Enumerable.Range(0, rows.Columns.Length).Where(c => c != age && c != household && c != district).ToArray();
        var values = extra.Select(_ => new float[people]).ToArray();
        var starts = new List<int> { 0 };
        var seen = new HashSet<int>();
        var current = -1;
        var row = 0;
        while (rows.Next())
        {
            if (row == people)
            {
                throw rows.Error(rows.Line, 1, $"the table has more rows than population.size ({people}): set population.size to its number of rows");
            }
            var years = rows.Int(age);
            if (years < 0 || years > Scenarios.ScenarioValidator.MaxAge)
            {
                throw rows.Error(rows.Line, age + 1, $"column 'age': must be between 0 and {Scenarios.ScenarioValidator.MaxAge}, got {years}");
            }
            ages[row] = (byte)years;
            var home = household >= 0 ? rows.Int(household) : row;
            if (household >= 0 && home < 0)
            {
                throw rows.Error(rows.Line, household + 1, $"column 'household': must be at least 0, got {home}");
            }
            if (row > 0 && home != current)
            {
                starts.Add(row);
            }
            if (home != current && !seen.Add(home))
            {
                throw rows.Error(rows.Line, household + 1, $"column 'household': household {home} appeared before on an earlier row, with other households in between: a household's people must be on consecutive rows");
            }
            current = home;
            if (districts is not null)
            {
                var d = rows.Int(district);
                if (d < 0)
                {
                    throw rows.Error(rows.Line, district + 1, $"column 'district': must be at least 0, got {d}");
                }
                districts[row] = d;
            }
            for (var k = 0; k < extra.Length; k++)
            {
                values[k][row] = (float)rows.Number(extra[k]);
            }
            row++;
        }
        if (row != people)
        {
            throw rows.Error(rows.Line, 1, $"the table has {row} rows but population.size is {people}: set population.size to its number of rows");
        }
        starts.Add(people);
        var columns = ImmutableDictionary.CreateBuilder<string, float[]>(StringComparer.Ordinal);
        for (var k = 0; k < extra.Length; k++)
        {
            columns[rows.Columns[extra[k]]] = values[k];
        }
        return new PeopleTable(path, ages, [.. starts], districts, columns.ToImmutable(), numbers.ToImmutable());
    }
}
