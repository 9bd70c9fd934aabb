using System.Buffers.Text;
using System.Collections.Immutable;
using System.Text;
using Hcsim.Engine.Errors;

namespace Hcsim.Engine.People;

/// <summary>
/// Streams a comma-separated file row by row without a string per row: a header line naming the columns, then one
/// record per line (CRLF or LF; blank lines skipped; no quoting, since every column these files hold is a number).
/// Memory is one buffer whatever the file's size. Errors name the file, the line and the column.
/// </summary>
public sealed class CsvRows : IRowSource
{
    private const int BufferSize = 1 << 20;
    private readonly Stream _stream;
    private readonly string _settingPath;
    private byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;
    private bool _eof;
    private readonly int[] _fieldStart;
    private readonly int[] _fieldEnd;

    private CsvRows(string path, string settingPath)
    {
        Path = path;
        _settingPath = settingPath;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (!NextLine(out var header))
        {
            throw Error(1, 1, "the file is empty: it needs a header line naming its columns");
        }
        var names = ImmutableArray.CreateBuilder<string>();
        foreach (var range in Split(header))
        {
            names.Add(Encoding.UTF8.GetString(header[range]).Trim());
        }
        Columns = names.ToImmutable();
        _fieldStart = new int[Columns.Length];
        _fieldEnd = new int[Columns.Length];
    }

    /// <summary>Opens a file and reads its header line.</summary>
    /// <param name="settingPath">The scenario setting that named the file, for errors.</param>
    public static CsvRows Open(string path, string settingPath) => new(path, settingPath);

    public string Path { get; }
    /// <summary>From the file's size: a line of two ids of up to seven digits takes about 12 bytes.</summary>
    public long EstimatedRows => _stream.Length / 12;
    /// <summary>The header's column names, in file order.</summary>
    public ImmutableArray<string> Columns { get; }
    /// <summary>1-based line number of the current row (the header is line 1).</summary>
    public int Line { get; private set; } = 1;
    /// <summary>Records read so far; the current row is record Row - 1 (0-based).</summary>
    public int Row { get; private set; }

    /// <summary>The index of a column, or -1.</summary>
    public int ColumnOf(string name) => Columns.IndexOf(name);

    /// <summary>Advances to the next record; false at the end of the file.</summary>
    public bool Next()
    {
        while (NextLine(out var line))
        {
            if (line.IsEmpty)
            {
                continue;
            }
            var count = 0;
            var from = 0;
            for (var i = 0; i <= line.Length; i++)
            {
                if (i == line.Length || line[i] == (byte)',')
                {
                    if (count < _fieldStart.Length)
                    {
                        _fieldStart[count] = from;
                        _fieldEnd[count] = i;
                    }
                    count++;
                    from = i + 1;
                }
            }
            if (count != Columns.Length)
            {
                throw Error(Line, Math.Min(count, Columns.Length) + 1, $"has {count} fields, but the header names {Columns.Length} columns ({string.Join(",", Columns)})");
            }
            _lineOffset = _lineStart;
            Row++;
            return true;
        }
        return false;
    }

    private int _lineStart;
    private int _lineOffset;

    /// <summary>The current record's value in a column, as a whole number.</summary>
    public int Int(int column)
    {
        var field = Field(column);
        if (!Utf8Parser.TryParse(field, out int value, out var used) || used != field.Length)
        {
            throw Error(Line, column + 1, $"column '{Columns[column]}': '{Encoding.UTF8.GetString(field)}' is not a whole number");
        }
        return value;
    }

    /// <summary>The current record's value in a column, as a number.</summary>
    public double Number(int column)
    {
        var field = Field(column);
        if (!Utf8Parser.TryParse(field, out double value, out var used) || used != field.Length || !double.IsFinite(value))
        {
            throw Error(Line, column + 1, $"column '{Columns[column]}': '{Encoding.UTF8.GetString(field)}' is not a number");
        }
        return value;
    }

    /// <summary>An error at a line and (1-based) column of this file.</summary>
    public ScenarioValidationException Error(int line, int column, string message) =>
        new([new ScenarioError(Path, line, column, _settingPath, message)]);

    private ReadOnlySpan<byte> Field(int column)
    {
        var span = _buffer.AsSpan(_lineOffset + _fieldStart[column], _fieldEnd[column] - _fieldStart[column]);
        // Surrounding spaces are allowed (a hand-aligned file).
        while (!span.IsEmpty && span[0] == (byte)' ')
        {
            span = span[1..];
        }
        while (!span.IsEmpty && span[^1] == (byte)' ')
        {
            span = span[..^1];
        }
        return span;
    }

    /// <summary>The next line without its line break; the span stays valid until the next call.</summary>
    private bool NextLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var at = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (at >= 0 || (_eof && _end > _start))
            {
                var length = at >= 0 ? at : _end - _start;
                _lineStart = _start;
                line = _buffer.AsSpan(_start, length);
                _start += at >= 0 ? at + 1 : length;
                if (!line.IsEmpty && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }
                if (Row > 0 || _fieldStart is not null)
                {
                    Line++;
                }
                return true;
            }
            if (_eof)
            {
                line = default;
                return false;
            }
            Fill();
        }
    }

    private void Fill()
    {
        var remaining = _end - _start;
        if (remaining == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
        }
        _start = 0;
        _end = remaining;
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _eof = read == 0;
    }

    private static List<Range> Split(ReadOnlySpan<byte> line)
    {
        var ranges = new List<Range>();
        var from = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i == line.Length || line[i] == (byte)',')
            {
                ranges.Add(new Range(from, i));
                from = i + 1;
            }
        }
        return ranges;
    }

    public void Dispose() => _stream.Dispose();
}
