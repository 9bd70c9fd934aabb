using Hcsim.Engine.Agents;
using Hcsim.Engine.Random;

namespace Hcsim.Engine.Districts;

/// <summary>
/// Where people live: each person's district (<see cref="DistrictOf"/>) and each district's members, as a membership
/// CSR. Read-only once built. Built from the scenario's sizes as contiguous blocks of households
/// (<see cref="FromHouseholds"/>), or from a given district per person (<see cref="FromAssignment"/>, for a people
/// table and tests).
/// </summary>
public sealed class DistrictMap
{
    /// <summary>Fixed seed of the size draws: district sizes depend on the count and the spread, not on the run's seed.</summary>
    private const ulong SizeSeed = 0;

    /// <summary>Most risk levels (a level is a byte, and each level is a daily column).</summary>
    public const int MaxLevels = 16;

    private readonly GroupLayer _groups;

    private DistrictMap(GroupLayer groups)
    {
        _groups = groups;
    }

    /// <summary>Each person's district, 0 .. <see cref="Count"/> - 1.</summary>
    public int[] DistrictOf => _groups.GroupOf;

    public int Count => _groups.GroupCount;

    /// <summary>The members of district <paramref name="district"/>, in index order.</summary>
    public ReadOnlySpan<int> MembersOf(int district) => _groups.MembersOf(district);

    /// <summary>Members of district <paramref name="district"/>.</summary>
    public int SizeOf(int district) => _groups.Start[district + 1] - _groups.Start[district];

    /// <summary>
    /// Districts from a given district per person (every value in 0 .. count - 1, where count is the largest value + 1
    /// unless <paramref name="count"/> is given). A district nobody lives in is allowed (it stays at the lowest level).
    /// </summary>
    /// <exception cref="ArgumentException">A value is negative or not below <paramref name="count"/>.</exception>
    public static DistrictMap FromAssignment(int[] districtOf, int? count = null)
    {
        var districts = count ?? (districtOf.Length == 0 ? 1 : districtOf.Max() + 1);
        for (var i = 0; i < districtOf.Length; i++)
        {
            if (districtOf[i] < 0 || districtOf[i] >= districts)
            {
                throw new ArgumentException($"person {i} has district {districtOf[i]}, outside 0..{districts - 1}", nameof(districtOf));
            }
        }
        return new DistrictMap(GroupLayer.FromAssignment(districtOf, districts));
    }

    /// <summary>
    /// The districts of <paramref name="config"/> over <paramref name="world"/>'s households, or the people table's
    /// <c>district</c> column when the world was read from one that has it (then the column decides: as many districts
    /// as its largest value + 1, and <c>count</c>, <c>people_per_district</c> and <c>size_cv</c> are not used).
    /// </summary>
    public static DistrictMap For(World world, DistrictsConfig config) =>
        world.Table?.District is { } given
            ? FromAssignment(given)
            : FromHouseholds(world.HouseholdStart, config.CountFor(world.Size), config.SizeCv);

    /// <summary>
    /// <paramref name="count"/> districts of contiguous households in household order (the order the community ring and
    /// venues follow, so a district is a neighbourhood). District d's target share of the people is w_d / sum(w): all
    /// w equal when <paramref name="sizeCv"/> is 0, else lognormal with mean 1 and that coefficient of variation (stream
    /// DistrictSize, a fixed seed). A household belongs to the district whose target range holds its first member; every
    /// district gets at least one household while households last (districts beyond the number of households stay empty).
    /// </summary>
    public static DistrictMap FromHouseholds(int[] householdStart, int count, double sizeCv)
    {
        var people = householdStart[^1];
        var households = householdStart.Length - 1;
        var targetEnd = TargetEnds(people, count, sizeCv);
        var districtOf = new int[people];
        var district = 0;
        var householdsInDistrict = 0;
        for (var h = 0; h < households; h++)
        {
            var mustMove = households - h <= count - 1 - district;
            if (householdsInDistrict > 0 && district < count - 1 && (householdStart[h] >= targetEnd[district] || mustMove))
            {
                district++;
                householdsInDistrict = 0;
            }
            districtOf.AsSpan(householdStart[h], householdStart[h + 1] - householdStart[h]).Fill(district);
            householdsInDistrict++;
        }
        return new DistrictMap(GroupLayer.FromAssignment(districtOf, count));
    }

    /// <summary>Cumulative target ends in people: district d ends before person targetEnd[d].</summary>
    private static double[] TargetEnds(int people, int count, double sizeCv)
    {
        var weights = new double[count];
        var sigma = Math.Sqrt(Math.Log(1 + sizeCv * sizeCv));
        for (var d = 0; d < count; d++)
        {
            if (sizeCv <= 0)
            {
                weights[d] = 1;
                continue;
            }
            // Box-Muller from two uniforms; 1 - u keeps the logarithm finite.
            var u1 = 1 - CounterRng.Uniform(SizeSeed, RngStream.DistrictSize, 0, d, 0);
            var u2 = CounterRng.Uniform(SizeSeed, RngStream.DistrictSize, 0, d, 1);
            var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            weights[d] = Math.Exp(sigma * z - sigma * sigma / 2);
        }
        var total = weights.Sum();
        var ends = new double[count];
        double running = 0;
        for (var d = 0; d < count; d++)
        {
            running += weights[d];
            ends[d] = people * running / total;
        }
        return ends;
    }
}
