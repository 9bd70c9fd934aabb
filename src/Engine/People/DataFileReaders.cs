using Hcsim.Engine.Errors;

namespace Hcsim.Engine.People;

/// <summary>
/// How data files (<c>population.from_file</c>, <c>population.community.from_file</c>) are opened: CSV by the engine
/// itself; Parquet (<c>.parquet</c>) by a reader the caller passes in, since the engine references no Parquet library
/// (the hcsim command passes its own).
/// </summary>
public sealed class DataFileReaders
{
    /// <summary>CSV only.</summary>
    public static DataFileReaders CsvOnly { get; } = new();

    /// <summary>Opens a Parquet file as rows: (path, setting path for errors) to rows; null = Parquet files are refused.</summary>
    public Func<string, string, IRowSource>? Parquet { get; init; }

    public IRowSource Open(string path, string settingPath)
    {
        if (!path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return CsvRows.Open(path, settingPath);
        }
        return Parquet is { } open
            ? open(path, settingPath)
            : throw new ScenarioValidationException([new ScenarioError(path, 0, 0, settingPath,
                "a Parquet file is read by the hcsim command; a program using the engine alone passes a Parquet reader (ExecutionOptions.DataFiles) or uses CSV")]);
    }
}
