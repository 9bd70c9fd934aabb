using System.Runtime.InteropServices;

namespace Hcsim.Engine.Regions;

/// <summary>
/// The only place where travellers cross between regions: each region's <see cref="TravelPhase"/> posts messages to its
/// outbox during its day and reads its inbox, which <see cref="Exchange"/> fills once a day from every outbox, in
/// region order then posting order (a fixed order, so results do not depend on threads).
/// </summary>
public sealed class TravelDesk : IRegionExchange
{
    private readonly List<TravelVisit>[] _visitsOut;
    private readonly List<TravelInfection>[] _infectionsOut;
    private readonly List<TravelVisit>[] _visitsIn;
    private readonly List<TravelInfection>[] _infectionsIn;

    public TravelDesk(int regions)
    {
        _visitsOut = [.. Enumerable.Range(0, regions).Select(_ => new List<TravelVisit>())];
        _infectionsOut = [.. Enumerable.Range(0, regions).Select(_ => new List<TravelInfection>())];
        _visitsIn = [.. Enumerable.Range(0, regions).Select(_ => new List<TravelVisit>())];
        _infectionsIn = [.. Enumerable.Range(0, regions).Select(_ => new List<TravelInfection>())];
    }

    public int Regions => _visitsIn.Length;

    /// <summary>Posts a traveller's visit to its destination (read there the next day).</summary>
    public void Post(int from, TravelVisit visit) => _visitsOut[from].Add(visit);

    /// <summary>Posts a traveller's infection at <paramref name="from"/> back to the home region.</summary>
    public void Post(int from, TravelInfection infection) => _infectionsOut[from].Add(infection);

    /// <summary>Visits to this region posted yesterday (valid until the next <see cref="Exchange"/>).</summary>
    public ReadOnlySpan<TravelVisit> VisitsTo(int region) => CollectionsMarshal.AsSpan(_visitsIn[region]);

    /// <summary>Infections of this region's travellers posted yesterday (valid until the next <see cref="Exchange"/>).</summary>
    public ReadOnlySpan<TravelInfection> InfectionsOf(int region) => CollectionsMarshal.AsSpan(_infectionsIn[region]);

    public void Exchange(int day)
    {
        foreach (var inbox in _visitsIn)
        {
            inbox.Clear();
        }
        foreach (var inbox in _infectionsIn)
        {
            inbox.Clear();
        }
        for (var from = 0; from < Regions; from++)
        {
            foreach (var visit in _visitsOut[from])
            {
                _visitsIn[visit.Destination].Add(visit);
            }
            foreach (var infection in _infectionsOut[from])
            {
                _infectionsIn[infection.Origin].Add(infection);
            }
            _visitsOut[from].Clear();
            _infectionsOut[from].Clear();
        }
    }
}
