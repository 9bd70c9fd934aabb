using System.Collections.Immutable;
using Hcsim.Engine.Errors;

namespace Hcsim.Engine.People;

/// <summary>
/// A table of numbers read row by row (a CSV file here, a Parquet file through the hcsim command): the input of
/// edge lists and people tables. Errors name the file, the line (CSV; the header is line 1) or row (Parquet, from 1)
/// and the column.
/// </summary>
public interface IRowSource : IDisposable
{
    string Path { get; }
    /// <summary>The column names, in file order.</summary>
    ImmutableArray<string> Columns { get; }
    /// <summary>Where the current row is, for errors: its line in a CSV file, its row number (from 1) in a Parquet file.</summary>
    int Line { get; }
    /// <summary>A guess at the number of rows, for sizing arrays before reading (may be off either way).</summary>
    long EstimatedRows { get; }

    /// <summary>Advances to the next row; false at the end.</summary>
    bool Next();

    /// <summary>The current row's value in a column as a whole number (a located error otherwise).</summary>
    int Int(int column);

    /// <summary>The current row's value in a column as a finite number (a located error otherwise).</summary>
    double Number(int column);

    /// <summary>An error at a line (or row) and 1-based column of this file.</summary>
    ScenarioValidationException Error(int line, int column, string message);
}
