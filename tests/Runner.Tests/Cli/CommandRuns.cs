using Hcsim.Runner.Cli;

namespace Hcsim.Runner.Tests.Cli;

/// <summary>Runs <c>hcsim</c> in the test process as a user would, and a console that interrupts it at a given line.</summary>
internal static class CommandRuns
{
    /// <summary>Runs the command line; returns its exit code and what it printed.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(string[] args, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        error ??= new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(output, error, interactive: false), cancellationToken);
        return (code, output.ToString(), error.ToString()!);
    }

    /// <summary>A writer that cancels when a line containing <paramref name="trigger"/> is written (an interruption at a known point).</summary>
    public sealed class CancellingWriter(CancellationTokenSource cancel, string trigger) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.Contains(trigger, StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        }
    }
}
