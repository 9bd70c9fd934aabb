using System.Diagnostics;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// Runs Slurm's own commands (<c>sbatch</c>, <c>squeue</c>, <c>scancel</c>) found on <c>PATH</c>. hcsim never schedules
/// anything itself; without these commands it says so rather than failing with a .NET error.
/// </summary>
public sealed class SlurmClient
{
    private readonly Func<string, string?> _environment;

    public SlurmClient(Func<string, string?> environment)
    {
        _environment = environment;
    }

    /// <summary>Full path of <paramref name="program"/> on PATH, or null.</summary>
    public string? Find(string program)
    {
        foreach (var folder in (_environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Runs a Slurm command to its end; throws <see cref="SlurmUnavailableException"/> when it is not installed.</summary>
    public async Task<(int Code, string Output, string Error)> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Find(program) ?? throw new SlurmUnavailableException(program);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new SlurmUnavailableException(program);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
