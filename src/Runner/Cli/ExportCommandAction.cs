using Hcsim.Runner.Output;

namespace Hcsim.Runner.Cli;

/// <summary>
/// <c>hcsim export DIR --csv</c>: writes daily.csv, summary.csv and variants.csv beside a results folder's Parquet
/// files. Each file is written under a temporary name and renamed, so a failure leaves no half-written CSV.
/// </summary>
public sealed class ExportCommandAction
{
    private readonly CliConsole _console;

    public ExportCommandAction(CliConsole console)
    {
        _console = console;
    }

    public async Task<int> RunAsync(string folder, bool csv, CancellationToken cancellationToken)
    {
        if (!csv)
        {
            await _console.Error.WriteLineAsync("hcsim export: choose a format: --csv").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        if (!File.Exists(Path.Combine(folder, ResultsPipeline.SummaryFile)))
        {
            throw new OutputReadException($"{folder}: no {ResultsPipeline.SummaryFile}; is this a results folder?");
        }
        var suffix = $".tmp-{Environment.ProcessId}";
        IReadOnlyList<string> written;
        try
        {
            written = await CsvExport.WriteAllAsync(
                name => Path.Combine(folder, name),
                name => new FileStream(Path.Combine(folder, name + suffix), FileMode.Create, FileAccess.Write),
                cancellationToken).ConfigureAwait(false);
            foreach (var name in written)
            {
                File.Move(Path.Combine(folder, name + suffix), Path.Combine(folder, name), overwrite: true);
            }
        }
        catch (Exception e) when (WriteFailure.Find(e) is { } io)
        {
            throw new OutputWriteException($"{folder}: could not write the CSV files: {io.Message.ReplaceLineEndings(" ")}", e);
        }
        finally
        {
            // Whatever stopped the export, no half-written file is left behind.
            foreach (var table in CsvExport.Tables)
            {
                File.Delete(Path.Combine(folder, CsvExport.CsvName(table) + suffix));
            }
        }
        await _console.Output.WriteLineAsync($"csv: {string.Join(", ", written)} written to {folder}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
