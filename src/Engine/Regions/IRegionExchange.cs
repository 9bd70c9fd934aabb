namespace Hcsim.Engine.Regions;

/// <summary>
/// What crosses between regions, exchanged once a day: after every region has run day <c>day</c> and before any runs
/// day <c>day + 1</c>. Implementations move messages only (posted by one region's part, read by another's), in a fixed
/// order, so that results do not depend on threads and one region per process stays possible.
/// </summary>
public interface IRegionExchange
{
    void Exchange(int day);
}
