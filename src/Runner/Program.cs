using System.CommandLine;
using System.Reflection;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Rules;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;

namespace Hcsim.Runner;

/// <summary>
/// Entry point of <c>hcsim</c>. The only place that catches <see cref="SimulatorException"/>: each error becomes one
/// line on standard error and a documented exit code (<see cref="ExitCodes"/>), never a stack trace.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, CliConsole.FromProcess());

    /// <summary>The whole program against an explicit console, so tests can run it in-process.</summary>
    public static Task<int> RunAsync(string[] args, CliConsole console) => RunAsync(args, console, CancellationToken.None);

    /// <summary>The whole program, stopped through <paramref name="cancellationToken"/> as Ctrl+C would stop it.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        // "dotnet run --project src/Runner" with no arguments is the documented way to run the default scenario.
        if (args.Length == 0)
        {
            args = ["run"];
        }
        try
        {
            var parse = HcsimCommandLine.Create(console, Version).Parse(args);
            if (parse.Errors.Count > 0)
            {
                var lines = CommandLineMessages.For(parse);
                foreach (var line in lines)
                {
                    await console.Error.WriteLineAsync($"hcsim: {line}").ConfigureAwait(false);
                }
                if (!lines[^1].Contains("--help", StringComparison.Ordinal))
                {
                    await console.Error.WriteLineAsync("hcsim: see 'hcsim --help'").ConfigureAwait(false);
                }
                return ExitCodes.InvalidInput;
            }
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                // Errors must reach the catch blocks below rather than System.CommandLine's stack-trace printer.
                EnableDefaultExceptionHandler = false,
                Output = console.Output,
                Error = console.Error,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ScenarioValidationException e)
        {
            foreach (var error in e.Errors)
            {
                await console.Error.WriteLineAsync(error.ToString()).ConfigureAwait(false);
            }
            await console.Error.WriteLineAsync($"hcsim: {e.Errors.Length} error(s) in scenario; nothing was run").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: not a bug, but not a result either; finished runs were kept for --resume (see above).
            await console.Error.WriteLineAsync("hcsim: interrupted (Ctrl+C or SIGTERM) before the command finished; no new results were put in place, and earlier results are untouched").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (AggregateException e) when (FirstSimulatorError(e) is { } error)
        {
            // A rule that fails inside a parallel loop arrives wrapped, once per failing chunk.
            await console.Error.WriteLineAsync($"hcsim: {OneLine(error.Message)}").ConfigureAwait(false);
            return ExitCodeFor(error);
        }
        catch (Exception e) when (e is SimulatorException or IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"hcsim: {OneLine(e.Message)}").ConfigureAwait(false);
            return ExitCodeFor(e);
        }
        catch (AggregateException e) when (ExitCodeFor(e) != ExitCodes.Unexpected)
        {
            // A full disk while plots render in parallel: one line naming the file, as for any other write error.
            await console.Error.WriteLineAsync($"hcsim: {OneLine(e.Flatten().InnerExceptions[0].Message)}").ConfigureAwait(false);
            return ExitCodeFor(e);
        }
        catch (Exception e)
        {
            // A bug. One line keeps the contract; the type name is what a bug report needs first.
            await console.Error.WriteLineAsync($"hcsim: unexpected error ({e.GetType().FullName}): {OneLine(e.Message)}").ConfigureAwait(false);
            return ExitCodes.Unexpected;
        }
    }

    /// <summary>The exit code for an error that ended a command.</summary>
    public static int ExitCodeFor(Exception error) => error switch
    {
        // Parallel work (the plots) wraps its errors; the first one says what went wrong.
        AggregateException { InnerExceptions.Count: > 0 } all => ExitCodeFor(all.Flatten().InnerExceptions[0]),
        ScenarioValidationException or ScenarioNotFoundException or ResumeMismatchException or RuleEvaluationException => ExitCodes.InvalidInput,
        OutputWriteException or OutputReadException or IOException or UnauthorizedAccessException => ExitCodes.OutputError,
        SimulationInvariantException => ExitCodes.InvariantBroken,
        _ => ExitCodes.Unexpected,
    };

    /// <summary>
    /// The simulator error inside a parallel loop's <see cref="AggregateException"/>, when every error in it is one;
    /// of several, the one with the first message in ordinal order, so the line printed does not depend on threads.
    /// </summary>
    public static SimulatorException? FirstSimulatorError(AggregateException error)
    {
        var inner = error.Flatten().InnerExceptions;
        return inner.Count > 0 && inner.All(e => e is SimulatorException)
            ? inner.Cast<SimulatorException>().OrderBy(e => e.Message, StringComparer.Ordinal).First()
            : null;
    }

    /// <summary>The informational version (what --version prints), e.g. "0.1.0+commit".</summary>
    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
