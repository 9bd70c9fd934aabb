using System.Globalization;
using Hcsim.Engine.Simulation;
using Spectre.Console;

namespace Hcsim.Runner.Cli;

/// <summary>
/// Receives the engine's progress reports (from any thread) and shows them: a Spectre progress bar on a terminal, a
/// plain line per 10 % when output is redirected (logs stay short), nothing when quiet. The engine only stores the
/// latest report here; the display polls it, so a fast engine never waits on the console.
/// </summary>
public sealed class ProgressDisplay : IProgress<ExecutionProgress>
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private ExecutionProgress _latest;

    public void Report(ExecutionProgress value)
    {
        lock (_gate)
        {
            // Reports may arrive out of order from several threads; never move backwards.
            if (value.DaysDone >= _latest.DaysDone)
            {
                _latest = value;
            }
        }
    }

    public ExecutionProgress Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>Shows progress until <paramref name="work"/> completes (whether it succeeds or fails).</summary>
    public async Task ShowUntilAsync(Task work, CliConsole console, bool quiet)
    {
        if (quiet)
        {
            return;
        }
        if (console.Interactive)
        {
            await console.Ansi.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("simulating", maxValue: 1);
                    while (true)
                    {
                        var latest = Latest;
                        if (latest.DaysTotal > 0)
                        {
                            task.MaxValue = latest.DaysTotal;
                            task.Value = latest.DaysDone;
                        }
                        if (work.IsCompleted)
                        {
                            return;
                        }
                        await Task.WhenAny(work, Task.Delay(PollInterval)).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
            return;
        }
        var printedTenths = -1;
        while (true)
        {
            var latest = Latest;
            if (latest.DaysTotal > 0)
            {
                var tenths = (int)(10 * latest.DaysDone / latest.DaysTotal);
                if (tenths > printedTenths)
                {
                    printedTenths = tenths;
                    await console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"simulating: {10 * tenths} % ({latest.DaysDone} of {latest.DaysTotal} days, {latest.RunsDone} of {latest.RunsTotal} runs)")).ConfigureAwait(false);
                }
            }
            if (work.IsCompleted)
            {
                return;
            }
            await Task.WhenAny(work, Task.Delay(PollInterval)).ConfigureAwait(false);
        }
    }
}
