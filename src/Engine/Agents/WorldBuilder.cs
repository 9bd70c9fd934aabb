using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Agents;

/// <summary>
/// Builds the synthetic population from a <see cref="PopulationConfig"/> and a seed. Every draw is counter-based, so the
/// same config and seed give the same world on any machine.
/// </summary>
/// <remarks>
/// Households: sizes from the share table; the first member of a household is an adult (age &gt;= 20), others follow the
/// age table. School classes: enrolled pupils of one age year, in household order, cut into classes of the class size.
/// Workplaces: workers in random order cut into workplaces whose sizes are geometric with the configured mean, capped.
/// Community: a Watts-Strogatz small world over household order (see <see cref="CommunityGraph.SmallWorld"/>).
/// </remarks>
public static class WorldBuilder
{
    private const int AdultAge = 20;

    /// <param name="dataFiles">How data files (a people table, an edge list) are opened; null = CSV only.</param>
    public static World Build(PopulationConfig config, ulong seed, People.DataFileReaders? dataFiles = null)
    {
        var table = config.FromFile.Length > 0 ? People.PeopleTable.Read(config.FromFile, config.Size, dataFiles) : null;
        var (ages, householdStart) = table is null ? BuildHouseholds(config, seed) : (table.Ages, table.HouseholdStart);
        var school = BuildSchools(config.Schools, ages, seed);
        var work = BuildWorkplaces(config.Workplaces, ages, seed);
        var householdOf = World.HouseholdIndex(householdStart);
        var community = config.Community.FromFile.Length > 0
            ? People.EdgeListFile.Read(config.Community.FromFile, ages.Length, config.Community.DailyProbability, dataFiles)
            : CommunityGraph.SmallWorld(householdStart, householdOf, config.Community.MeanDegree / 2, config.Community.RewireProbability, seed);
        return new World(ages, householdStart, householdOf, work, school, community) { Table = table };
    }

    private static (byte[] Ages, int[] HouseholdStart) BuildHouseholds(PopulationConfig config, ulong seed)
    {
        var n = config.Size;
        var ages = new byte[n];
        var sizeCumulative = Cumulative(config.HouseholdSizeShares.ToArray());
        var bands = config.AgeBands.ToArray();
        var ageCumulative = Cumulative(bands.Select(b => b.Share).ToArray());
        var adultBands = bands.Select(b => b with { MinAge = Math.Max(b.MinAge, AdultAge) }).ToArray();
        var adultCumulative = Cumulative(adultBands.Select(b => b.MaxAge >= AdultAge ? b.Share : 0).ToArray());
        if (adultCumulative[^1] <= 0)
        {
            adultBands = bands;
            adultCumulative = ageCumulative;
        }
        var starts = new List<int>(n / 2 + 1) { 0 };
        var assigned = 0;
        var household = 0;
        while (assigned < n)
        {
            var size = Math.Min(Pick(sizeCumulative, CounterRng.Uniform(seed, RngStream.PopulationHousehold, 0, household)) + 1, n - assigned);
            for (var m = 0; m < size; m++)
            {
                var agent = assigned + m;
                var (table, cumulative) = m == 0 ? (adultBands, adultCumulative) : (bands, ageCumulative);
                var band = table[Pick(cumulative, CounterRng.Uniform(seed, RngStream.PopulationAge, 0, agent, 0))];
                var span = band.MaxAge - band.MinAge + 1;
                ages[agent] = (byte)Math.Min(255, band.MinAge + CounterRng.Below(seed, RngStream.PopulationAge, 0, agent, 1, span));
            }
            assigned += size;
            household++;
            starts.Add(assigned);
        }
        return (ages, starts.ToArray());
    }

    private static GroupLayer BuildSchools(SchoolConfig config, byte[] ages, ulong seed)
    {
        var groupOf = new int[ages.Length];
        Array.Fill(groupOf, -1);
        var groups = 0;
        for (var age = config.MinAge; age <= config.MaxAge; age++)
        {
            var inClass = 0;
            for (var i = 0; i < ages.Length; i++)
            {
                if (ages[i] != age || CounterRng.Uniform(seed, RngStream.PopulationSchool, 0, i) >= config.EnrolmentRate)
                {
                    continue;
                }
                if (inClass == 0)
                {
                    groups++;
                }
                groupOf[i] = groups - 1;
                inClass = (inClass + 1) % config.ClassSize;
            }
        }
        return GroupLayer.FromAssignment(groupOf, groups);
    }

    private static GroupLayer BuildWorkplaces(WorkplaceConfig config, byte[] ages, ulong seed)
    {
        var workers = new List<int>();
        for (var i = 0; i < ages.Length; i++)
        {
            if (ages[i] >= config.MinAge && ages[i] <= config.MaxAge
                && CounterRng.Uniform(seed, RngStream.PopulationWork, 0, i) < config.EmploymentRate)
            {
                workers.Add(i);
            }
        }
        var order = workers.ToArray();
        Shuffle(order, seed, RngStream.PopulationWork);
        var groupOf = new int[ages.Length];
        Array.Fill(groupOf, -1);
        var q = 1.0 / Math.Max(1.0, config.MeanSize);
        var groups = 0;
        var next = 0;
        while (next < order.Length)
        {
            var u = CounterRng.Uniform(seed, RngStream.PopulationWork, 2, groups);
            var size = q >= 1 ? 1 : 1 + (int)Math.Min(config.MaxSize, Math.Floor(Math.Log(1 - u) / Math.Log(1 - q)));
            size = Math.Min(Math.Min(size, config.MaxSize), order.Length - next);
            for (var m = 0; m < size; m++)
            {
                groupOf[order[next + m]] = groups;
            }
            next += size;
            groups++;
        }
        return GroupLayer.FromAssignment(groupOf, groups);
    }

    private static void Shuffle(int[] items, ulong seed, RngStream stream)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = CounterRng.Below(seed, stream, 3, i, 0, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static double[] Cumulative(double[] weights)
    {
        var cumulative = new double[weights.Length];
        var total = weights.Sum();
        double running = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            running += total > 0 ? weights[i] / total : 0;
            cumulative[i] = running;
        }
        return cumulative;
    }

    private static int Pick(double[] cumulative, double u)
    {
        for (var i = 0; i < cumulative.Length; i++)
        {
            if (u < cumulative[i])
            {
                return i;
            }
        }
        return cumulative.Length - 1;
    }
}
