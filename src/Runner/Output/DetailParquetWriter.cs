using Hcsim.Engine.Agents;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Parquet;
using Parquet.Schema;

namespace Hcsim.Runner.Output;

/// <summary>
/// Writes the optional detail tables, one row group per run in run order: <c>events.parquet</c> (each change of a
/// person's disease stage, colour or confinement) and <c>transmissions.parquet</c> (who infected whom). Codes are
/// written as their names so the files read without a lookup table.
/// </summary>
public sealed class DetailParquetWriter : IAsyncDisposable
{
    public const string EventsFile = "events.parquet";
    public const string TransmissionsFile = "transmissions.parquet";

    private static readonly string[] StageNames = Enum.GetNames<DiseaseStage>().Select(n => n.ToLowerInvariant()).ToArray();
    private static readonly string[] KindNames = ["stage", "colour", "quarantine"];

    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly bool _events;
    private readonly IReadOnlyList<string> _colours;

    private DetailParquetWriter(ParquetWriter writer, ParquetSchema schema, bool events, IReadOnlyList<string> colours)
    {
        _writer = writer;
        _fields = schema.GetDataFields();
        _events = events;
        _colours = colours;
    }

    public static ParquetSchema EventsSchema { get; } = new(
        new DataField<string>("variant"), new DataField<int>("replicate"), new DataField<int>("day"), new DataField<int>("person"),
        new DataField<string>("kind"), new DataField<string>("from"), new DataField<string>("to"), new DataField<string>("cause"));

    public static ParquetSchema TransmissionsSchema { get; } = new(
        new DataField<string>("variant"), new DataField<int>("replicate"), new DataField<int>("day"), new DataField<int>("infector"),
        new DataField<int>("infectee"), new DataField<string>("layer"), new DataField<string>("infector_colour"),
        new DataField<string>("infector_confinement"));

    /// <param name="events">True for events.parquet, false for transmissions.parquet.</param>
    public static async Task<DetailParquetWriter> CreateAsync(Stream output, bool events, IReadOnlyList<string> colours, CancellationToken cancellationToken)
    {
        var schema = events ? EventsSchema : TransmissionsSchema;
        var writer = await ParquetWriter.CreateAsync(schema, output, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new DetailParquetWriter(writer, schema, events, colours);
    }

    public Task WriteRunAsync(RunResult run, CancellationToken cancellationToken) =>
        _events ? WriteEventsAsync(run, cancellationToken) : WriteTransmissionsAsync(run, cancellationToken);

    private async Task WriteEventsAsync(RunResult run, CancellationToken cancellationToken)
    {
        var events = run.Events;
        var n = events.Count;
        var (variant, replicate) = Keys(run, n);
        var day = new int[n];
        var person = new int[n];
        var kind = new string[n];
        var from = new string[n];
        var to = new string[n];
        var cause = new string[n];
        for (var i = 0; i < n; i++)
        {
            var e = events[i];
            day[i] = e.Day;
            person[i] = e.Person;
            kind[i] = KindNames[(int)e.Kind];
            from[i] = Name(e.Kind, e.From);
            to[i] = Name(e.Kind, e.To);
            cause[i] = e.Cause;
        }
        using var rowGroup = _writer.CreateRowGroup();
        await rowGroup.WriteAsync(_fields[0], variant).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(_fields[1], replicate, cancellationToken: cancellationToken).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(_fields[2], day, cancellationToken: cancellationToken).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(_fields[3], person, cancellationToken: cancellationToken).ConfigureAwait(false);
        await rowGroup.WriteAsync(_fields[4], kind).ConfigureAwait(false);
        await rowGroup.WriteAsync(_fields[5], from).ConfigureAwait(false);
        await rowGroup.WriteAsync(_fields[6], to).ConfigureAwait(false);
        await rowGroup.WriteAsync(_fields[7], cause).ConfigureAwait(false);
    }

    private async Task WriteTransmissionsAsync(RunResult run, CancellationToken cancellationToken)
    {
        var records = run.Transmissions;
        var n = records.Count;
        var (variant, replicate) = Keys(run, n);
        var day = new int[n];
        var infector = new int[n];
        var infectee = new int[n];
        var layer = new string[n];
        var colour = new string[n];
        var confinement = new string[n];
        for (var i = 0; i < n; i++)
        {
            var t = records[i];
            day[i] = t.Day;
            infector[i] = t.Infector;
            infectee[i] = t.Infectee;
            layer[i] = ContactLayers.NameOf(t.Layer);
            colour[i] = _colours[t.InfectorColour];
            confinement[i] = ConfinementKinds.Names[(int)t.InfectorConfinement];
        }
        using var rowGroup = _writer.CreateRowGroup();
        await rowGroup.WriteAsync(_fields[0], variant).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(_fields[1], replicate, cancellationToken: cancellationToken).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(_fields[2], day, cancellationToken: cancellationToken).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(_fields[3], infector, cancellationToken: cancellationToken).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(_fields[4], infectee, cancellationToken: cancellationToken).ConfigureAwait(false);
        await rowGroup.WriteAsync(_fields[5], layer).ConfigureAwait(false);
        await rowGroup.WriteAsync(_fields[6], colour).ConfigureAwait(false);
        await rowGroup.WriteAsync(_fields[7], confinement).ConfigureAwait(false);
    }

    private string Name(PersonEventKind kind, byte value) => kind switch
    {
        PersonEventKind.Stage => StageNames[value],
        PersonEventKind.Colour => _colours[value],
        _ => ConfinementKinds.Names[value],
    };

    private static (string[] Variant, int[] Replicate) Keys(RunResult run, int rows)
    {
        var variant = new string[rows];
        Array.Fill(variant, run.Variant);
        var replicate = new int[rows];
        Array.Fill(replicate, run.Replicate);
        return (variant, replicate);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
