using System.Text.Json;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Simulation;

/// <summary>
/// The worlds the runs of a scenario execute on, built when a run first needs one and dropped when the last run that
/// needs it has finished. A population without <c>redraw_per_replicate</c> is built once from the scenario seed and
/// shared by every variant and replicate; one with it is built per replicate from
/// <see cref="CounterRng.PopulationSeed"/> and shared by that replicate's variants. Runs go in replicate order, so only
/// the worlds of the replicates in flight are held at once, never all replicates' populations.
/// </summary>
public sealed class ReplicateWorlds
{
    private readonly Dictionary<(string Population, ulong Seed), Entry> _entries = [];
    private readonly Lock _lock = new();
    private readonly ulong _scenarioSeed;
    private readonly People.DataFileReaders _dataFiles;

    /// <param name="runs">Every run that will ask for a world: the population it uses and its replicate.</param>
    public ReplicateWorlds(ulong scenarioSeed, IEnumerable<(PopulationConfig Population, int Replicate)> runs, People.DataFileReaders? dataFiles = null)
    {
        _scenarioSeed = scenarioSeed;
        _dataFiles = dataFiles ?? People.DataFileReaders.CsvOnly;
        foreach (var (population, replicate) in runs)
        {
            var key = Key(population, replicate);
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = new Entry(new Lazy<World>(() => WorldBuilder.Build(population, key.Seed, _dataFiles), LazyThreadSafetyMode.ExecutionAndPublication));
                _entries[key] = entry;
            }
            entry.Remaining++;
        }
    }

    /// <summary>Worlds built and not yet released (for tests of the memory bound).</summary>
    public int Held
    {
        get
        {
            lock (_lock)
            {
                return _entries.Values.Count(e => e.World.IsValueCreated);
            }
        }
    }

    /// <summary>The seed a population is built from in replicate <paramref name="replicate"/>.</summary>
    public static ulong WorldSeed(ulong scenarioSeed, PopulationConfig population, int replicate) =>
        population.RedrawPerReplicate ? CounterRng.PopulationSeed(scenarioSeed, replicate) : scenarioSeed;

    /// <summary>The world of one run (built on first use; the same instance for every run that shares it).</summary>
    public World Acquire(PopulationConfig population, int replicate)
    {
        Lazy<World> world;
        lock (_lock)
        {
            world = _entries[Key(population, replicate)].World;
        }
        return world.Value;
    }

    /// <summary>Marks one run of this world finished; the last one lets the world go.</summary>
    public void Release(PopulationConfig population, int replicate)
    {
        lock (_lock)
        {
            var key = Key(population, replicate);
            var entry = _entries[key];
            if (--entry.Remaining == 0)
            {
                _entries.Remove(key);
            }
        }
    }

    private (string Population, ulong Seed) Key(PopulationConfig population, int replicate) =>
        (JsonSerializer.Serialize(population), WorldSeed(_scenarioSeed, population, replicate));

    private sealed class Entry(Lazy<World> world)
    {
        public Lazy<World> World { get; } = world;
        public int Remaining { get; set; }
    }
}
