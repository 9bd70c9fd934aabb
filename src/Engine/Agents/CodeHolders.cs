using System.Collections.Immutable;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Agents;

/// <summary>
/// Who can hold a health code: everyone but a share of people by age band who have no smartphone
/// (<c>checkin.no_smartphone_share_by_age</c>), drawn once per person from the replicate seed (stream
/// <see cref="RngStream.NoSmartphone"/>), so the same people lack a code in every variant. People without a code never
/// check in and never scan at venues; the rules see them through the <c>has_code</c> fact. One bit per person.
/// </summary>
public sealed class CodeHolders
{
    private readonly ulong[] _without;

    private CodeHolders(ulong[] without, int count)
    {
        _without = without;
        WithoutCode = count;
    }

    /// <summary>Everyone holds a code.</summary>
    public static CodeHolders Everyone(int people) => new(new ulong[(people + 63) >> 6], 0);

    public static CodeHolders Of(World world, ImmutableArray<AgeShareConfig> noSmartphone, ulong seed)
    {
        var without = new ulong[(world.Size + 63) >> 6];
        if (noSmartphone.IsDefaultOrEmpty)
        {
            return new(without, 0);
        }
        var shareByAge = new double[256];
        for (var age = 0; age < 256; age++)
        {
            foreach (var band in noSmartphone)
            {
                if (age >= band.MinAge && age <= band.MaxAge)
                {
                    shareByAge[age] = band.Share;
                    break;
                }
            }
        }
        var count = 0;
        for (var i = 0; i < world.Size; i++)
        {
            if (CounterRng.Uniform(seed, RngStream.NoSmartphone, 0, i) < shareByAge[world.AgeYears[i]])
            {
                without[i >> 6] |= 1UL << (i & 63);
                count++;
            }
        }
        return new(without, count);
    }

    /// <summary>People without a code.</summary>
    public int WithoutCode { get; }

    public bool Has(int person) => (_without[person >> 6] & (1UL << (person & 63))) == 0;
}
