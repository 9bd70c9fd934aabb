using System.Numerics;

namespace Hcsim.Engine.Metrics;

/// <summary>
/// The records a health-code policy gathers about people in one run, its surveillance cost: check-ins recorded, test
/// samples taken, venue scans, contact records consulted by tracing, and the distinct people whose contacts were consulted. Run
/// totals, added to by the phases that gather them (each from a serial merge point, so the totals do not depend on
/// thread count) and read by <see cref="RunSummaryBuilder"/>; definitions in <see cref="RunSummary"/>.
/// </summary>
public sealed class DataRecords
{
    private readonly ulong[] _lookedUp;

    public DataRecords(int people)
    {
        _lookedUp = new ulong[(people + 63) >> 6];
    }

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

    /// <summary>Distinct people whose contacts or venue visits were consulted at least once.</summary>
    public int PeopleLookedUp
    {
        get
        {
            var count = 0;
            foreach (var word in _lookedUp)
            {
                count += BitOperations.PopCount(word);
            }
            return count;
        }
    }

    public void AddCheckins(long count) => Checkins += count;

    public void AddTests(long count) => Tests += count;

    public void AddScans(long count) => Scans += count;

    public void AddPaperPasses(long count) => PaperPasses += count;

    public void AddContactsConsulted(long count) => ContactsConsulted += count;

    public void AddScansConsulted(long count) => ScansConsulted += count;

    /// <summary>Records that <paramref name="person"/>'s contacts were consulted (idempotent).</summary>
    public void MarkLookedUp(int person) => _lookedUp[person >> 6] |= 1UL << (person & 63);
}
