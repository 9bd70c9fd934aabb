using Spectre.Console;

namespace Hcsim.Runner.Cli;

/// <summary>
/// Where the CLI writes: standard output (results, tables, progress), standard error (one line per error), and whether
/// output goes to a terminal (live progress bar) or is redirected (plain progress lines). Passed in, so tests can
/// capture everything without touching the process-wide <see cref="Console"/>.
/// </summary>
public sealed class CliConsole
{
    /// <param name="input">Where answers to questions come from; null when nobody can answer (standard input redirected).</param>
    public CliConsole(TextWriter output, TextWriter error, bool interactive, TextReader? input = null)
    {
        Output = output;
        Error = error;
        Interactive = interactive;
        Input = input;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }
    public bool Interactive { get; }
    /// <summary>A person at a terminal who can answer a question; null in scripts, CI and tests that do not answer.</summary>
    public TextReader? Input { get; }
    /// <summary>Spectre console over <see cref="Output"/>, for tables and the progress bar.</summary>
    public IAnsiConsole Ansi { get; }
    /// <summary>Reads an environment variable (the scheduler's shard variables); tests pass their own.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The process console; progress is live only when standard output is a terminal.</summary>
    public static CliConsole FromProcess() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected, Console.IsInputRedirected ? null : Console.In);
}
