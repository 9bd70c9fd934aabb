using Hcsim.Engine.Agents;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Rules;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Regions;

/// <summary>
/// One run of a multi-region variant: every region is a whole <see cref="SimulationRun"/> of its own (its world, model,
/// compiled policy), seeded with the replicate seed exactly as if it ran alone. The run steps all regions day by day,
/// in declared order, and calls <see cref="IRegionExchange.Exchange"/> once between one day and the next: the only
/// point where anything crosses from one region to another (see docs/regions.md). Without an exchange (no travel) each
/// region's result is exactly its single-region run.
/// </summary>
public sealed class RegionsRun
{
    private readonly SimulationRun[] _runs;
    private readonly string[] _names;
    private readonly int _days;
    private readonly IRegionExchange? _exchange;

    /// <param name="worlds">Each region's world, parallel to <paramref name="regions"/>.</param>
    /// <param name="policies">Each region's compiled policy, parallel to <paramref name="regions"/>.</param>
    /// <param name="details">Recorded for the first region only (person ids are per region).</param>
    /// <param name="travel">Whether the regions exchange travellers (the variant has <c>travel</c>).</param>
    public RegionsRun(
        IReadOnlyList<RegionModel> regions,
        IReadOnlyList<World> worlds,
        IReadOnlyList<CompiledPolicy> policies,
        int days,
        ulong seed,
        WorkerPool parallel,
        DetailOptions? details = null,
        bool travel = false)
    {
        _days = days;
        _names = [.. regions.Select(r => r.Name)];
        _runs = new SimulationRun[regions.Count];
        var desk = travel ? new TravelDesk(regions.Count) : null;
        for (var r = 0; r < regions.Count; r++)
        {
            var link = desk is null ? null : new RegionLink(r, [.. _names], desk);
            _runs[r] = new SimulationRun(worlds[r], regions[r].Model, policies[r], seed, parallel, r == 0 ? details : null, link);
        }
        _exchange = desk;
    }

    /// <summary>The regions' runs, in declared order (for tests and library users).</summary>
    public IReadOnlyList<SimulationRun> Runs => _runs;

    /// <summary>Runs every day; the result is the first region's, with the others in <see cref="RunResult.OtherRegions"/>.</summary>
    public RunResult Run(string variant, int variantIndex, int replicate, Action? onDayDone = null, CancellationToken cancellationToken = default)
    {
        SeedInfections();
        for (var day = 0; day < _days; day++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RunDay(day);
            onDayDone?.Invoke();
        }
        var results = _runs.Select((run, r) => run.Result(variant, variantIndex, replicate) is var result
            ? result with { Region = _names[r], Summary = result.Summary with { Region = _names[r] } }
            : null!).ToList();
        var others = results.Skip(1).Select(r => r with { PhaseTimes = new Dictionary<string, TimeSpan>() }).ToList();
        return results[0] with { OtherRegions = others, PhaseTimes = SumPhaseTimes(results) };
    }

    /// <summary>Seeds every region's initial infections, as <see cref="Run"/> does before day 0.</summary>
    public void SeedInfections()
    {
        foreach (var run in _runs)
        {
            run.SeedInfections();
        }
    }

    /// <summary>
    /// Runs one day: every region's day in declared order, then the exchange between regions
    /// (<see cref="ExchangeAfter"/>); days must be run in order from 0 after <see cref="SeedInfections"/>.
    /// </summary>
    public void RunDay(int day)
    {
        foreach (var run in _runs)
        {
            run.RunDay(day);
        }
        ExchangeAfter(day);
    }

    /// <summary>
    /// The exchange between <paramref name="day"/> and the next, the last step of <see cref="RunDay"/> (public for tools
    /// that step the regions' parts one by one, such as the allocation test).
    /// </summary>
    public void ExchangeAfter(int day) => _exchange?.Exchange(day);

    private static Dictionary<string, TimeSpan> SumPhaseTimes(IReadOnlyList<RunResult> results)
    {
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (phase, time) in results.SelectMany(r => r.PhaseTimes))
        {
            times[phase] = times.GetValueOrDefault(phase) + time;
        }
        return times;
    }
}
