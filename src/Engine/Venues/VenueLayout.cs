using System.Runtime.CompilerServices;
using Hcsim.Engine.Random;

namespace Hcsim.Engine.Venues;

/// <summary>
/// Where venues are and who visits which one when, as pure functions of (seed, day, person): nothing per person is
/// stored, so a past day's visits can be regenerated and the part adds no per-agent memory.
/// </summary>
/// <remarks>
/// People are numbered household by household in neighbourhood order (the community ring follows the same order), and
/// the venues of a kind are laid out along that order: person i lives next to venue i x V / N. Each regular venue is
/// drawn (stream <see cref="RngStream.VenueRegular"/>, fixed per person for the whole run) among the <c>catchment</c>
/// venues around that point, wrapping at the ends. On a day, a person visits a kind with its probability (stream
/// <see cref="RngStream.VenueVisit"/>); the visit picks one regular venue and one slot (stream
/// <see cref="RngStream.VenueChoice"/>). A venue-slot of all kinds is numbered by one index (<see cref="SlotIndex"/>).
/// </remarks>
public sealed class VenueLayout
{
    private readonly ulong _regularKey;
    private readonly ulong[] _visitThresholds;
    private readonly ulong[] _visitKeys;
    private readonly int[] _regulars;
    private readonly int[] _slots;
    private readonly ulong[] _choiceKeys;

    public VenueLayout(VenuesConfig config, int people, ulong seed, int days)
    {
        _regularKey = CounterRng.StreamKey(seed, RngStream.VenueRegular);
        People = people;
        // Kinds in name order, so indices do not depend on the order of the file.
        Names = [.. config.Kinds.Keys.Order(StringComparer.Ordinal)];
        Kinds = [.. Names.Select(n => config.Kinds[n])];
        Venues = new int[Kinds.Length];
        FirstSlot = new int[Kinds.Length + 1];
        Catchment = new int[Kinds.Length];
        _visitThresholds = new ulong[Kinds.Length << 8];
        _regulars = [.. Kinds.Select(k => k.Regulars)];
        _slots = [.. Kinds.Select(k => k.Slots)];
        for (var k = 0; k < Kinds.Length; k++)
        {
            var kind = Kinds[k];
            Venues[k] = Math.Max(1, (int)Math.Ceiling(people * kind.PerThousand / 1000.0));
            Catchment[k] = Math.Min(Venues[k], kind.Catchment);
            FirstSlot[k + 1] = checked(FirstSlot[k] + Venues[k] * kind.Slots);
            for (var age = 0; age < 256; age++)
            {
                var factor = 1.0;
                foreach (var band in kind.VisitFactorByAge)
                {
                    if (age >= band.MinAge && age <= band.MaxAge)
                    {
                        factor = band.Factor;
                        break;
                    }
                }
                _visitThresholds[(k << 8) | age] = CounterRng.Threshold(Math.Min(1.0, kind.VisitProbability * factor));
            }
        }
        _visitKeys = [.. Enumerable.Range(0, Math.Max(days, 1)).Select(d => CounterRng.DayKey(seed, RngStream.VenueVisit, d))];
        _choiceKeys = [.. Enumerable.Range(0, Math.Max(days, 1)).Select(d => CounterRng.DayKey(seed, RngStream.VenueChoice, d))];
    }

    public int People { get; }
    /// <summary>Kind names in index order (ordinal name order).</summary>
    public string[] Names { get; }
    public VenueKindConfig[] Kinds { get; }
    /// <summary>Venues of each kind.</summary>
    public int[] Venues { get; }
    /// <summary>The first venue-slot index of each kind; the last entry is the number of venue-slots in all.</summary>
    public int[] FirstSlot { get; }
    private int[] Catchment { get; }

    /// <summary>Venue-slots of all kinds.</summary>
    public int SlotCount => FirstSlot[^1];

    /// <summary>The one index of venue <paramref name="venue"/> of kind <paramref name="kind"/> in slot <paramref name="slot"/>.</summary>
    public int SlotIndex(int kind, int venue, int slot) => FirstSlot[kind] + venue * Kinds[kind].Slots + slot;

    /// <summary>The kind of a venue-slot index.</summary>
    public int KindOf(int slotIndex)
    {
        var k = 0;
        while (slotIndex >= FirstSlot[k + 1])
        {
            k++;
        }
        return k;
    }

    /// <summary>Person <paramref name="person"/>'s regular venue number <paramref name="regular"/> of a kind: near home, fixed for the run.</summary>
    public int RegularVenue(int person, int kind, int regular) => RegularVenue(person, kind, regular, HomeVenue(person, kind));

    /// <summary>
    /// <see cref="RegularVenue(int, int, int)"/> for a caller that knows the person's <see cref="HomeVenue"/>: the visit
    /// loop walks people in order and tracks it, because two integer divisions per visit were a third of the venue part.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RegularVenue(int person, int kind, int regular, int home)
    {
        var venues = Venues[kind];
        var catchment = Catchment[kind];
        var draw = CounterRng.Hash(_regularKey, kind, person, regular);
        var venue = home + (int)(((draw >> 32) * (ulong)(uint)catchment) >> 32) - catchment / 2;
        // home + offset lies in (-venues, 2 venues) because the catchment is at most the number of venues.
        if (venue < 0)
        {
            venue += venues;
        }
        else if (venue >= venues)
        {
            venue -= venues;
        }
        return venue;
    }

    /// <summary>The venue of a kind nearest a person's home: person x venues / people, rounded down.</summary>
    public int HomeVenue(int person, int kind) => (int)((long)person * Venues[kind] / Math.Max(1, People));

    /// <summary>The first person whose <see cref="HomeVenue"/> of a kind is after <paramref name="home"/>.</summary>
    public int FirstPersonAfterHome(int kind, int home) => FirstOfHome(home + 1, Venues[kind]);

    /// <summary>
    /// The people who may have <paramref name="venue"/> of a kind among their regular venues, as at most two id ranges
    /// [first, last): those whose home venue lies within the catchment around it (wrapping at the ends). The ranges are
    /// written to <paramref name="ranges"/> (room for two), and their number returned, so a trace allocates nothing.
    /// </summary>
    public int PossibleVisitors(int kind, int venue, Span<(int First, int Last)> ranges)
    {
        var venues = Venues[kind];
        var catchment = Catchment[kind];
        // RegularVenue = home + offset with offset in [-catchment / 2, catchment - 1 - catchment / 2], modulo venues.
        var lowHome = venue - (catchment - 1 - catchment / 2);
        var highHome = venue + catchment / 2;
        if (lowHome < 0)
        {
            ranges[0] = (FirstOfHome(lowHome + venues, venues), People);
            ranges[1] = (0, FirstOfHome(highHome + 1, venues));
            return 2;
        }
        if (highHome >= venues)
        {
            ranges[0] = (FirstOfHome(lowHome, venues), People);
            ranges[1] = (0, FirstOfHome(highHome + 1 - venues, venues));
            return 2;
        }
        ranges[0] = (FirstOfHome(lowHome, venues), FirstOfHome(highHome + 1, venues));
        return 1;
    }

    /// <summary>The first person whose home venue (person x venues / people, rounded down) is at least <paramref name="home"/>.</summary>
    private int FirstOfHome(int home, int venues) => (int)Math.Min(People, ((long)home * People + venues - 1) / venues);

    /// <summary>
    /// The venue-slot a person aged <paramref name="age"/> visits on <paramref name="day"/> for a kind, or -1 for no visit.
    /// Whether the person is free to go (alive, not confined) is the caller's question.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int VisitOf(int person, byte age, int kind, int day)
    {
        var slot = SlotOf(person, age, kind, day, out var regular);
        return slot < 0 ? -1 : FirstSlot[kind] + RegularVenue(person, kind, regular) * _slots[kind] + slot;
    }

    /// <summary>The key of the day's visit decisions (see <see cref="SlotOf"/>), for a loop drawing them for many people.</summary>
    public ulong VisitKey(int day) => _visitKeys[day];

    /// <summary>The key of the day's visit choices (which regular venue, which slot).</summary>
    public ulong ChoiceKey(int day) => _choiceKeys[day];

    /// <summary>The counter of a person's visit decision and choice draws for a kind.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong DrawCounter(int person, int kind) => ((ulong)(uint)person << 16) | (uint)kind;

    /// <summary>The visit threshold by kind and age, at index kind x 256 + age: a visit when the decision draw is below it.</summary>
    public ReadOnlySpan<ulong> VisitThresholdsByKindAndAge => _visitThresholds;

    /// <summary>
    /// The venue-slot of a visit decided by the day's draws: <paramref name="choice"/> (the choice draw) picks the regular
    /// venue and the slot, as in <see cref="SlotOf"/>; <paramref name="home"/> is the person's <see cref="HomeVenue"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int VisitSlot(int person, int kind, ulong choice, int home)
    {
        var slot = Choose(kind, choice, out var regular);
        return FirstSlot[kind] + RegularVenue(person, kind, regular, home) * _slots[kind] + slot;
    }

    /// <summary>The slot and the regular venue number a choice draw picks: the high half the venue, the low half the slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Choose(int kind, ulong choice, out int regular)
    {
        regular = (int)(((choice >> 32) * (ulong)(uint)_regulars[kind]) >> 32);
        return (int)(((choice & 0xFFFFFFFFUL) * (ulong)(uint)_slots[kind]) >> 32);
    }

    /// <summary>
    /// The slot (within the kind's opening hours) of a person's visit to a kind on a day and which regular venue it
    /// goes to, or -1 for no visit: the cheap part of <see cref="VisitOf"/>, which tracing checks first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SlotOf(int person, byte age, int kind, int day, out int regular)
    {
        var counter = DrawCounter(person, kind);
        if (CounterRng.Keyed(_visitKeys[day], counter) >= _visitThresholds[(kind << 8) | age])
        {
            regular = -1;
            return -1;
        }
        return Choose(kind, CounterRng.Keyed(_choiceKeys[day], counter), out regular);
    }
}
