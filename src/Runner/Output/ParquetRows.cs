using System.Collections.Immutable;
using Hcsim.Engine.Errors;
using Hcsim.Engine.People;
using Parquet;
using Parquet.Schema;

namespace Hcsim.Runner.Output;

/// <summary>
/// A Parquet data file (an edge list or a people table) as rows for the engine: one row group in memory at a time,
/// every column a number (int32, int64, float or double; nullable columns allowed, an empty cell is an error).
/// Errors name the file, the row (from 1) and the column.
/// </summary>
internal sealed class ParquetRows : IRowSource
{
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;
    private readonly string _settingPath;
    private readonly double[][] _values;
    private readonly bool[][] _empty;
    private int _group = -1;
    private int _groupRows;
    private int _inGroup;
    private long _rowsBefore;

    /// <summary>The engine's data file readers with this Parquet reader.</summary>
    public static DataFileReaders Readers { get; } = new() { Parquet = (path, settingPath) => new ParquetRows(path, settingPath) };

    private ParquetRows(string path, string settingPath)
    {
        Path = path;
        _settingPath = settingPath;
        try
        {
            _reader = ParquetReader.CreateAsync(path).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is ParquetException or IOException or InvalidDataException)
        {
            throw Error(0, 0, $"not a readable Parquet file: {e.Message}");
        }
        _fields = _reader.Schema.GetDataFields();
        Columns = [.. _fields.Select(f => f.Name)];
        for (var c = 0; c < _fields.Length; c++)
        {
            var type = _fields[c].ClrType;
            if (type != typeof(int) && type != typeof(long) && type != typeof(float) && type != typeof(double))
            {
                throw Error(0, c + 1, $"column '{_fields[c].Name}' holds {type.Name}; a data file's columns are numbers (int32, int64, float or double)");
            }
        }
        _values = new double[_fields.Length][];
        _empty = new bool[_fields.Length][];
        EstimatedRows = Enumerable.Range(0, _reader.RowGroupCount).Sum(g => _reader.RowGroups[g].RowCount);
    }

    public string Path { get; }
    public ImmutableArray<string> Columns { get; }
    public int Line => (int)(_rowsBefore + _inGroup);
    public long EstimatedRows { get; }

    public bool Next()
    {
        while (_group < 0 || _inGroup >= _groupRows)
        {
            if (_group + 1 >= _reader.RowGroupCount)
            {
                return false;
            }
            _rowsBefore += _groupRows;
            _group++;
            _inGroup = 0;
            LoadGroup();
        }
        _inGroup++;
        return true;
    }

    public int Int(int column)
    {
        var value = Value(column);
        if (value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue)
        {
            throw Error(Line, column + 1, $"column '{Columns[column]}': {value} is not a whole number");
        }
        return (int)value;
    }

    public double Number(int column) => Value(column);

    public ScenarioValidationException Error(int line, int column, string message) =>
        new([new ScenarioError(Path, line, column, _settingPath, line > 0 ? $"row {line}: {message}" : message)]);

    public void Dispose() => _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private double Value(int column)
    {
        var row = _inGroup - 1;
        if (_empty[column][row] || !double.IsFinite(_values[column][row]))
        {
            throw Error(Line, column + 1, $"column '{Columns[column]}': an empty or non-finite value");
        }
        return _values[column][row];
    }

    private void LoadGroup()
    {
        using var group = _reader.OpenRowGroupReader(_group);
        _groupRows = checked((int)group.RowCount);
        for (var c = 0; c < _fields.Length; c++)
        {
            var (values, empty) = (new double[_groupRows], new bool[_groupRows]);
            var field = _fields[c];
            if (field.ClrType == typeof(int))
            {
                Copy(Read<int>(group, field), values, empty);
            }
            else if (field.ClrType == typeof(long))
            {
                Copy(Read<long>(group, field), values, empty);
            }
            else if (field.ClrType == typeof(float))
            {
                Copy(Read<float>(group, field), values, empty);
            }
            else
            {
                Copy(Read<double>(group, field), values, empty);
            }
            _values[c] = values;
            _empty[c] = empty;
        }
    }

    private T?[] Read<T>(ParquetRowGroupReader group, DataField field) where T : struct
    {
        var values = new T?[_groupRows];
        if (field.IsNullable)
        {
            group.ReadAsync(field, values.AsMemory()).GetAwaiter().GetResult();
            return values;
        }
        var plain = new T[_groupRows];
        group.ReadAsync<T>(field, plain).GetAwaiter().GetResult();
        for (var i = 0; i < plain.Length; i++)
        {
            values[i] = plain[i];
        }
        return values;
    }

    private static void Copy<T>(T?[] source, double[] values, bool[] empty) where T : struct, IConvertible
    {
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] is { } v)
            {
                values[i] = v.ToDouble(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                empty[i] = true;
            }
        }
    }
}
