using System.Diagnostics;
using System.Globalization;
using Hcsim.Engine.Simulation;
using Spectre.Console;

namespace Hcsim.Runner.Cli;

/// <summary>
/// Receives the engine's progress reports (from any thread) and shows them for the whole scenario, sweep included (runs
/// done of all variants x replicates, simulated days per second, time left): a Spectre progress bar on a terminal, a
/// plain line per 10 % when output is redirected (logs stay short), nothing when quiet. The engine only stores the
/// latest report here; the display polls it at a fixed interval from its own thread, so a fast engine never waits on the
/// console and busy workers never starve the display.
/// </summary>
public sealed class ProgressDisplay : IProgress<ExecutionProgress>
{
    /// <summary>How often the display reads the engine's counters, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);

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

    /// <summary>
    /// Shows progress until <paramref name="work"/> completes (whether it succeeds or fails). The display runs on a
    /// dedicated thread that reads the latest counters every <see cref="Interval"/>: the workers may occupy every
    /// thread-pool thread (<c>--threads</c> above the number of cores), and a display that waited on the pool would
    /// freeze at 0 % until they finished.
    /// </summary>
    public Task ShowUntilAsync(Task work, CliConsole console, bool quiet)
    {
        if (quiet)
        {
            return Task.CompletedTask;
        }
        var shown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Show(work, console);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The console went away (a closed pipe): progress is a courtesy, the run goes on and reports its own errors.
            }
            finally
            {
                shown.TrySetResult();
            }
        })
        {
            IsBackground = true,
            Name = "hcsim progress",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        return shown.Task;
    }

    /// <summary>How often the display reads the counters.</summary>
    public TimeSpan Interval { get; }

    public ProgressDisplay() : this(DefaultInterval)
    {
    }

    public ProgressDisplay(TimeSpan interval)
    {
        Interval = interval;
    }

    private void Show(Task work, CliConsole console)
    {
        var started = Stopwatch.GetTimestamp();
        // Waiting on the task's handle blocks only this thread; its completion wakes it without needing the pool.
        var finished = ((IAsyncResult)work).AsyncWaitHandle;
        if (console.Interactive)
        {
            console.Ansi.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
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
                        context.Refresh();
                        finished.WaitOne(Interval);
                    }
                });
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
                    console.Output.WriteLine(Line(latest, started, 10 * tenths));
                    console.Output.Flush();
                }
            }
            if (work.IsCompleted)
            {
                return;
            }
            finished.WaitOne(Interval);
        }
    }

    /// <summary>
    /// One plain progress line: percent, runs, simulated days per second and the time left at that rate. Kept short so
    /// that it fits 80 columns even when the first sample's rate is huge (a few days done in a millisecond).
    /// </summary>
    public static string Line(ExecutionProgress progress, long startedTimestamp, int percent)
    {
        var rate = Rate(progress, startedTimestamp);
        var left = rate > 0 && progress.DaysDone < progress.DaysTotal
            ? $", {FormatDuration(TimeSpan.FromSeconds((progress.DaysTotal - progress.DaysDone) / rate))} left"
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"simulating: {percent} % (runs {progress.RunsDone}/{progress.RunsTotal}, days {progress.DaysDone}/{progress.DaysTotal}, {rate:N0} days/s{left})");
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
