using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Regions;

/// <summary>
/// Travel, for one region, first in its day. In order: (1) its residents infected abroad (posted by the destination
/// yesterday) become exposed; (2) residents whose trip ends today are home again (counted in
/// <c>travel_imported_infections</c> when infected); (3) departures: each resident alive, at home and not confined leaves
/// on the first flow of this region whose draw succeeds (stream TravelTrip, keyed by person and flow), for a duration
/// drawn per trip (TravelLength); (4) every resident abroad posts today's visit to the destination; (5) the visits posted
/// to this region yesterday meet <c>contacts_per_day</c> random residents each (TravelContact), who must be alive, at
/// home and not confined; transmission either way with probability beta x stage infectiousness x age susceptibility
/// (TravelTransmission, this region's disease tables). An infected visitor's first day counts in
/// <c>travel_imported_infections</c>; residents it infects in <c>infections_by_travellers</c>.
/// </summary>
/// <remarks>
/// A trip of L days leaves on day d: away from home on days d .. d + L (a day's journey each way), visits posted on days
/// d .. d + L - 1 and read at the destination on days d + 1 .. d + L, home again on day d + L + 1. Messages cross only
/// through the <see cref="TravelDesk"/>, once a day.
/// </remarks>
public sealed class TravelPhase : IDayPhase
{
    public static readonly PartColumn TripsColumn = new("trips",
        "Residents of the region who left on a trip to another region today (travel).");
    public static readonly PartColumn ImportedColumn = new("travel_imported_infections",
        "Travellers arriving in the region today who are infected (exposed or infectious): visitors on their first day here and residents coming home (travel; distinct from the importations part's imported_infections).");
    public static readonly PartColumn ByTravellersColumn = new("infections_by_travellers",
        "Residents infected today directly by a visiting traveller (direct infections only, not their chains; travel).");

    /// <summary>Contacts a visitor makes per day, at most.</summary>
    public const int MaxContactsPerDay = 1000;

    private readonly RegionLink _link;
    private readonly NaturalHistory _history;
    private readonly DurationTable _tripDays;
    private readonly (int Flow, int Destination, double Probability)[] _flows;
    private readonly double _contacts;
    private readonly double _beta;
    private readonly double[] _infectiousness;
    private readonly double[] _susceptibility;
    private readonly int[] _trips;
    private readonly int[] _imported;
    private readonly int[] _byTravellers;
    private readonly List<(int Person, int Destination, int Until)> _abroad = [];
    private readonly List<int> _infected = [];

    public TravelPhase(TravelConfig travel, RegionLink link, int population, NaturalHistory history, DiseaseConfig disease, DailyMetrics daily)
    {
        _link = link;
        _history = history;
        _tripDays = new DurationTable(travel.TripDays);
        _flows = [.. travel.Flows.Select((f, i) => (Flow: i, Config: f))
            .Where(f => f.Config.From == link.Names[link.Index])
            .Select(f => (f.Flow, link.Names.IndexOf(f.Config.To),
                f.Config.TripsPerDay > 0 ? Math.Min(1.0, f.Config.TripsPerDay / Math.Max(1, population)) : f.Config.SharePerDay))];
        _contacts = Math.Min(travel.ContactsPerDay, MaxContactsPerDay);
        _beta = travel.Beta;
        _infectiousness = TransmissionFactors.InfectiousnessByStage(disease);
        _susceptibility = TransmissionFactors.SusceptibilityByAge(disease);
        _trips = daily.AddPartColumn(TripsColumn);
        _imported = daily.AddPartColumn(ImportedColumn);
        _byTravellers = daily.AddPartColumn(ByTravellersColumn);
    }

    public string Name => "travel";

    /// <summary>The part's daily columns, in the order it adds them.</summary>
    public static IReadOnlyList<PartColumn> Columns => [TripsColumn, ImportedColumn, ByTravellersColumn];

    public void Step(SimulationState state, int day)
    {
        var agents = state.Agents;
        var seed = state.Seed;
        var region = _link.Index;
        var desk = _link.Desk;
        _infected.Clear();
        foreach (var infection in desk.InfectionsOf(region))
        {
            if (agents.Stage[infection.Person] == DiseaseStage.Susceptible)
            {
                Infect(state, infection.Person, day, "travel abroad");
            }
        }

        var imported = 0;
        _abroad.RemoveAll(trip =>
        {
            if (trip.Until != day)
            {
                return false;
            }
            if (IsInfected(agents.Stage[trip.Person]))
            {
                imported++;
            }
            return true;
        });

        if (_flows.Length > 0)
        {
            var trips = 0;
            for (var i = 0; i < agents.Size; i++)
            {
                if (agents.Stage[i] == DiseaseStage.Dead || agents.IsAway(i, day) || agents.ConfinementOn(i, day) != ConfinementKind.None)
                {
                    continue;
                }
                foreach (var (flow, destination, probability) in _flows)
                {
                    if (CounterRng.Uniform(seed, RngStream.TravelTrip, day, i, (region << 16) | flow) < probability)
                    {
                        var length = _tripDays.Sample(CounterRng.Uniform(seed, RngStream.TravelLength, day, i, region));
                        agents.AwayFrom![i] = AgentState.Day(day);
                        agents.AwayUntil![i] = AgentState.Day(day + length + 1);
                        _abroad.Add((i, destination, day + length + 1));
                        trips++;
                        break;
                    }
                }
            }
            _trips[day] = trips;
        }

        var age = state.World.AgeYears;
        foreach (var (person, destination, until) in _abroad)
        {
            if (day <= until - 2)
            {
                desk.Post(region, new TravelVisit(region, person, destination, agents.Stage[person], age[person], agents.AwayFrom![person] == day));
            }
        }

        var byTravellers = 0;
        var whole = (int)Math.Floor(_contacts);
        var fraction = _contacts - whole;
        foreach (var visit in desk.VisitsTo(region))
        {
            if (visit.Arriving && IsInfected(visit.Stage))
            {
                imported++;
            }
            var contacts = whole + (fraction > 0 && CounterRng.Uniform(seed, RngStream.TravelContact, day, visit.Person, (1 << 20) | visit.Origin) < fraction ? 1 : 0);
            var guestInfectiousness = _infectiousness[(int)visit.Stage];
            var guestSusceptible = visit.Stage == DiseaseStage.Susceptible;
            for (var j = 0; j < contacts; j++)
            {
                var key = (j << 8) | visit.Origin;
                var resident = CounterRng.Below(seed, RngStream.TravelContact, day, visit.Person, key, agents.Size);
                var stage = agents.Stage[resident];
                if (stage == DiseaseStage.Dead || agents.IsAway(resident, day) || agents.ConfinementOn(resident, day) != ConfinementKind.None)
                {
                    continue;
                }
                if (guestInfectiousness > 0 && stage == DiseaseStage.Susceptible)
                {
                    if (CounterRng.Uniform(seed, RngStream.TravelTransmission, day, visit.Person, key) < _beta * guestInfectiousness * _susceptibility[age[resident]])
                    {
                        Infect(state, resident, day, "by a traveller");
                        byTravellers++;
                    }
                }
                else if (guestSusceptible && _infectiousness[(int)stage] > 0
                    && CounterRng.Uniform(seed, RngStream.TravelTransmission, day, visit.Person, key) < _beta * _infectiousness[(int)stage] * _susceptibility[visit.Age])
                {
                    desk.Post(region, new TravelInfection(visit.Origin, visit.Person));
                    guestSusceptible = false;
                }
            }
        }
        _imported[day] = imported;
        _byTravellers[day] = byTravellers;
        _infected.Sort();
        state.Infected.AddRange(_infected);
        state.Today.NewInfections += _infected.Count;
    }

    private void Infect(SimulationState state, int agent, int day, string cause)
    {
        _history.Infect(state.Agents, agent, day, state.Seed);
        state.Details.Events?.Add(new PersonEvent(day, agent, PersonEventKind.Stage, (byte)DiseaseStage.Susceptible, (byte)DiseaseStage.Exposed, cause));
        _infected.Add(agent);
    }

    private static bool IsInfected(DiseaseStage stage) =>
        stage is not (DiseaseStage.Susceptible or DiseaseStage.Recovered or DiseaseStage.Dead);
}
