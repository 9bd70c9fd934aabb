using System.CommandLine;
using System.CommandLine.Invocation;

namespace Hcsim.Runner.Cli;

/// <summary>
/// Prints <see cref="Program.Version"/> for <c>--version</c>. The built-in action reads the entry assembly, which is
/// the test host rather than hcsim when the CLI runs in-process.
/// </summary>
public sealed class VersionAction : SynchronousCommandLineAction
{
    private readonly CliConsole _console;
    private readonly string _version;

    public VersionAction(CliConsole console, string version)
    {
        _console = console;
        _version = version;
    }

    public override int Invoke(ParseResult parseResult)
    {
        _console.Output.WriteLine(_version);
        return ExitCodes.Ok;
    }
}
