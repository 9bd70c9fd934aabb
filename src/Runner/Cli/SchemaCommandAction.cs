using Hcsim.Engine.Scenarios.Schema;

namespace Hcsim.Runner.Cli;

/// <summary>
/// <c>hcsim schema</c>: print the scenario file format as a JSON Schema (draft-07) for editors, or with
/// <c>--markdown</c> as the README's reference tables. Both come from <see cref="ScenarioSchema"/>.
/// </summary>
public sealed class SchemaCommandAction
{
    private readonly CliConsole _console;

    public SchemaCommandAction(CliConsole console)
    {
        _console = console;
    }

    /// <param name="outputPath">File to write; null for standard output. Written whole or not at all.</param>
    public async Task<int> RunAsync(string? outputPath, bool markdown, CancellationToken cancellationToken)
    {
        var text = markdown ? SchemaMarkdown.Text() : ScenarioJsonSchema.Text();
        if (outputPath is null)
        {
            await _console.Output.WriteAsync(text).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        var full = Path.GetFullPath(outputPath);
        var temporary = $"{full}.tmp-{Path.GetRandomFileName()}";
        try
        {
            await File.WriteAllTextAsync(temporary, text, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
        return ExitCodes.Ok;
    }
}
