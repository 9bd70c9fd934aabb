using System.Numerics;

namespace Hcsim.Engine.Metrics;

/// <summary>
/// The records a health-code policy gathers about people in one run, its surveillance cost: check-ins recorded, test
/// samples taken, venue scans, contact records consulted by tracing, and the distinct people whose contacts were consulted. Run
/// totals, added to by the phases that gather them (each from a serial merge point, so the totals do not depend on
/// thread count) and read by <see cref="RunSummaryBuilder"/>; definitions in <see cref="RunSummary"/>. Under a data regime
/// (<see cref="HoldOnDevices"/>) the kinds it keeps on phones count in <see cref="DeviceRecords"/> too, and what phones
/// upload in <see cref="Uploads"/>; everything else is central.
/// </summary>
public sealed class DataRecords
{
    private readonly ulong[] _lookedUp;
    /// <summary>People whose uploaded records phones matched (device regimes only; null otherwise).</summary>
    private ulong[]? _lookedUpOnDevices;
    private bool _checkinsOnDevices;
    private bool _scansOnDevices;
    private bool _contactsOnDevices;

    public DataRecords(int people)
    {
        _lookedUp = new ulong[(people + 63) >> 6];
    }

    /// <summary>
    /// Holds the kinds of records <paramref name="regime"/> keeps on devices there: from now on they count in
    /// <see cref="DeviceRecords"/>, and people whose uploads phones match in <see cref="PeopleLookedUpOnDevices"/>.
    /// </summary>
    public void HoldOnDevices(Regimes.DataRegime regime)
    {
        _checkinsOnDevices = regime.CheckinsOnDevices;
        _scansOnDevices = regime.ScansOnDevices;
        _contactsOnDevices = regime.ContactsOnDevices;
        _lookedUpOnDevices = regime.ScansOnDevices || regime.ContactsOnDevices ? new ulong[_lookedUp.Length] : null;
    }

    /// <summary>Of <see cref="Total"/>, the records held on people's phones (a data regime's device kinds); 0 without one.</summary>
    public long DeviceRecords { get; private set; }

    /// <summary>Records cases sent the authority from their phones: one per day of keys and one per venue visit published (device regimes); central.</summary>
    public long Uploads { get; private set; }

    /// <summary>Every record gathered or read: the six kinds and the uploads.</summary>
    public long Total => Checkins + Tests + Scans + PaperPasses + ContactsConsulted + ScansConsulted + Uploads;

    /// <summary>Of <see cref="Total"/>, the records the authority holds or read.</summary>
    public long CentralRecords => Total - DeviceRecords;

    /// <summary>Distinct people whose contacts or visits the authority consulted (the central regime's look-ups).</summary>
    public int PeopleLookedUpCentrally { get; private set; }

    /// <summary>Distinct people whose uploaded keys or venue-slots phones matched (device regimes).</summary>
    public int PeopleLookedUpOnDevices { get; private set; }

    /// <summary>Check-ins recorded (people who checked in, staff checks in central isolation included), summed over days; none when the policy is off.</summary>
    public long Checkins { get; private set; }

    /// <summary>Test samples taken, whether or not their result arrived before the end of the run.</summary>
    public long Tests { get; private set; }

    /// <summary>Code scans at venue doors: every attempted visit by a person holding a code, refused ones included.</summary>
    public long Scans { get; private set; }

    /// <summary>Contact records read by tracing: one per contact found, per layer and day looked at.</summary>
    public long ContactsConsulted { get; private set; }

    /// <summary>Paper passes filled in at venue doors by people without a code (kinds with <c>no_code: paper</c>).</summary>
    public long PaperPasses { get; private set; }

    /// <summary>Scan records read by co-location flagging: one per co-visitor's scan found within a case's window.</summary>
    public long ScansConsulted { get; private set; }

    /// <summary>Distinct people whose contacts or venue visits were consulted at least once, centrally or on devices (a person both ways counts once).</summary>
    public int PeopleLookedUp
    {
        get
        {
            var count = 0;
            for (var w = 0; w < _lookedUp.Length; w++)
            {
                count += BitOperations.PopCount(_lookedUp[w] | (_lookedUpOnDevices is null ? 0 : _lookedUpOnDevices[w]));
            }
            return count;
        }
    }

    public void AddCheckins(long count)
    {
        Checkins += count;
        DeviceRecords += _checkinsOnDevices ? count : 0;
    }

    public void AddTests(long count) => Tests += count;

    public void AddScans(long count)
    {
        Scans += count;
        DeviceRecords += _scansOnDevices ? count : 0;
    }

    public void AddPaperPasses(long count) => PaperPasses += count;

    public void AddContactsConsulted(long count)
    {
        ContactsConsulted += count;
        DeviceRecords += _contactsOnDevices ? count : 0;
    }

    public void AddScansConsulted(long count)
    {
        ScansConsulted += count;
        DeviceRecords += _scansOnDevices ? count : 0;
    }

    public void AddUploads(long count) => Uploads += count;

    /// <summary>Records that <paramref name="person"/>'s contacts were consulted (idempotent).</summary>
    public void MarkLookedUp(int person)
    {
        var bit = 1UL << (person & 63);
        if ((_lookedUp[person >> 6] & bit) == 0)
        {
            _lookedUp[person >> 6] |= bit;
            PeopleLookedUpCentrally++;
        }
    }

    /// <summary>Records that phones matched <paramref name="person"/>'s uploaded records (idempotent; device regimes only).</summary>
    public void MarkLookedUpOnDevices(int person)
    {
        var words = _lookedUpOnDevices!;
        var bit = 1UL << (person & 63);
        if ((words[person >> 6] & bit) == 0)
        {
            words[person >> 6] |= bit;
            PeopleLookedUpOnDevices++;
        }
    }
}
