using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Random;
using MathNet.Numerics.Distributions;

namespace Hcsim.Engine.People;

/// <summary>
/// Each person's declared attributes, one compact column per attribute: a byte (0 or 1) per person for a boolean, a
/// float for a number. Allocated only when a scenario declares attributes; read by rule expressions by name.
/// </summary>
public sealed class PersonAttributes
{
    private readonly byte[][] _flags;
    private readonly float[][] _numbers;

    public PersonAttributes(DeclaredAttributes declared, byte[][] flags, float[][] numbers)
    {
        if (flags.Length != declared.Flags || numbers.Length != declared.Numbers)
        {
            throw new ArgumentException("one column per declared attribute", nameof(declared));
        }
        Declared = declared;
        _flags = flags;
        _numbers = numbers;
    }

    public DeclaredAttributes Declared { get; }

    /// <summary>Boolean attribute <paramref name="column"/> of a person (see <see cref="DeclaredAttribute.Column"/>).</summary>
    public bool Flag(int column, int person) => _flags[column][person] != 0;

    /// <summary>Number attribute <paramref name="column"/> of a person.</summary>
    public double Number(int column, int person) => _numbers[column][person];

    /// <summary>The column of a boolean attribute, one byte (0 or 1) per person.</summary>
    public ReadOnlySpan<byte> FlagColumn(int column) => _flags[column];

    /// <summary>The column of a number attribute.</summary>
    public ReadOnlySpan<float> NumberColumn(int column) => _numbers[column];

    /// <summary>
    /// Draws every declared attribute for every person of <paramref name="world"/> from the seed (stream
    /// <see cref="RngStream.PersonAttributes"/>): attribute <c>NAME</c> of person i uses the draw keyed by (a hash of NAME, i),
    /// so adding, removing or reordering attributes never changes another attribute's values. A person outside every
    /// band of an attribute gets false (boolean) or 0 (number). A people table column named like an attribute gives
    /// its values instead (0 or 1 for a boolean).
    /// </summary>
    public static PersonAttributes Draw(World world, ImmutableDictionary<string, AttributeConfig> attributes, ulong seed)
    {
        var declared = DeclaredAttributes.Of(attributes);
        var flags = new byte[declared.Flags][];
        var numbers = new float[declared.Numbers][];
        var ages = world.AgeYears;
        foreach (var attribute in declared.All)
        {
            var config = attributes[attribute.Name];
            var key = NameKey(attribute.Name);
            var bandOfAge = BandOfAge(config);
            if (world.Table?.Columns.GetValueOrDefault(attribute.Name) is { } given)
            {
                // The people table's column of the same name replaces the draw.
                if (attribute.IsFlag)
                {
                    var column = flags[attribute.Column] = new byte[world.Size];
                    for (var i = 0; i < column.Length; i++)
                    {
                        column[i] = given[i] switch
                        {
                            0 => 0,
                            1 => 1,
                            _ => throw world.Table.Error(attribute.Name, i + 2, $"the boolean attribute '{attribute.Name}' must be 0 or 1, got {given[i]} (person {i})"),
                        };
                    }
                }
                else
                {
                    numbers[attribute.Column] = (float[])given.Clone();
                }
                continue;
            }
            if (attribute.IsFlag)
            {
                var column = flags[attribute.Column] = new byte[world.Size];
                for (var i = 0; i < column.Length; i++)
                {
                    var band = bandOfAge[ages[i]];
                    column[i] = (byte)(band >= 0 && CounterRng.Uniform(seed, RngStream.PersonAttributes, key, i) < config.ByAge[band].Share ? 1 : 0);
                }
            }
            else
            {
                var column = numbers[attribute.Column] = new float[world.Size];
                var draws = config.ByAge.Select(Sampler.Of).ToArray();
                for (var i = 0; i < column.Length; i++)
                {
                    var band = bandOfAge[ages[i]];
                    column[i] = band < 0 ? 0f : (float)draws[band].Value(CounterRng.Uniform(seed, RngStream.PersonAttributes, key, i));
                }
            }
        }
        return new PersonAttributes(declared, flags, numbers);
    }

    /// <summary>A stable 31-bit key of an attribute's name (FNV-1a), the draw's "day" coordinate.</summary>
    internal static int NameKey(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash & 0x7FFF_FFFF);
    }

    /// <summary>The first band holding each age (0..255), -1 for none.</summary>
    private static int[] BandOfAge(AttributeConfig config)
    {
        var bandOf = new int[256];
        for (var age = 0; age < bandOf.Length; age++)
        {
            bandOf[age] = -1;
            for (var b = 0; b < config.ByAge.Length; b++)
            {
                if (age >= config.ByAge[b].MinAge && age <= config.ByAge[b].MaxAge)
                {
                    bandOf[age] = b;
                    break;
                }
            }
        }
        return bandOf;
    }

    /// <summary>A number band's distribution as an inverse CDF of a uniform draw (MathNet.Numerics).</summary>
    private readonly struct Sampler
    {
        private const double Tiny = 1.0 / (1UL << 54);
        private readonly string _distribution;
        private readonly double _a;
        private readonly double _b;

        private Sampler(string distribution, double a, double b)
        {
            _distribution = distribution;
            _a = a;
            _b = b;
        }

        public static Sampler Of(AttributeBandConfig band)
        {
            switch (band.Distribution)
            {
                case "lognormal":
                    // The band gives the number's own mean and sd; the log's parameters follow from them.
                    var sigma2 = Math.Log(1 + (band.Sd * band.Sd / (band.Mean * band.Mean)));
                    return new Sampler(band.Distribution, Math.Log(band.Mean) - (sigma2 / 2), Math.Sqrt(sigma2));
                case "uniform":
                    return new Sampler(band.Distribution, band.Low, band.High);
                default:
                    return new Sampler(band.Distribution, band.Mean, band.Sd);
            }
        }

        public double Value(double u)
        {
            var p = Math.Max(u, Tiny);
            return _distribution switch
            {
                "normal" => _b == 0 ? _a : Normal.InvCDF(_a, _b, p),
                "lognormal" => _b == 0 ? Math.Exp(_a) : LogNormal.InvCDF(_a, _b, p),
                "uniform" => _a + ((_b - _a) * u),
                _ => _a,
            };
        }
    }
}
