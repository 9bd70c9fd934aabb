namespace Hcsim.Engine.Venues;

/// <summary>
/// A run's venue totals: visits made, and refusals at the door (people whose colour the kind does not admit). Added to
/// from the venue part's serial merge, read by the run summary.
/// </summary>
public sealed class VenueTotals
{
    /// <summary>Visits made (people admitted), summed over days and kinds.</summary>
    public long Visits { get; private set; }

    /// <summary>Visits refused at the door because of the person's colour.</summary>
    public long Refusals { get; private set; }

    public void Add(long visits, long refusals)
    {
        Visits += visits;
        Refusals += refusals;
    }
}
