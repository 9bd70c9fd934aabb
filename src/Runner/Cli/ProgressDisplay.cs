using System.Diagnostics;
using System.Globalization;
using Hcsim.Engine.Simulation;
using Spectre.Console;

namespace Hcsim.Runner.Cli;

/// <summary>
/// Receives the engine's progress reports (from any thread) and shows them for the whole scenario, sweep included (runs
/// done of all variants x replicates, simulated days per second, time left): a Spectre progress bar on a terminal, a
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
        var started = Stopwatch.GetTimestamp();
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
                            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                                $"runs {latest.RunsDone}/{latest.RunsTotal}, {Rate(latest, started):N0} days/s"));
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
                    await console.Output.WriteLineAsync(Line(latest, started, 10 * tenths)).ConfigureAwait(false);
                }
            }
            if (work.IsCompleted)
            {
                return;
            }
            await Task.WhenAny(work, Task.Delay(PollInterval)).ConfigureAwait(false);
        }
    }

    /// <summary>One plain progress line: percent, runs, simulated days per second and the time left at that rate.</summary>
    public static string Line(ExecutionProgress progress, long startedTimestamp, int percent)
    {
        var rate = Rate(progress, startedTimestamp);
        var left = rate > 0 && progress.DaysDone < progress.DaysTotal
            ? $", about {FormatDuration(TimeSpan.FromSeconds((progress.DaysTotal - progress.DaysDone) / rate))} left"
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"simulating: {percent} % (runs {progress.RunsDone} of {progress.RunsTotal}, {progress.DaysDone} of {progress.DaysTotal} days, {rate:N0} days/s{left})");
    }

    /// <summary>Simulated days (summed over runs) per wall-clock second since the start.</summary>
    private static double Rate(ExecutionProgress progress, long startedTimestamp)
    {
        var seconds = Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds;
        return seconds <= 0 ? 0 : progress.DaysDone / seconds;
    }

    private static string FormatDuration(TimeSpan duration) =>
        duration.TotalHours >= 1 ? duration.ToString(@"h\h\ mm\m", CultureInfo.InvariantCulture)
        : duration.TotalMinutes >= 1 ? duration.ToString(@"m\m\ ss\s", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(duration.TotalSeconds)} s");
}
