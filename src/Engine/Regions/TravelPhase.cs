using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Random;
using Hcsim.Engine.Rules;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;
using Hcsim.Engine.Venues;

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
/// Border rules: a drawn departure first meets this region's <c>departure</c> rules (refuse_travel or isolate keep the
/// traveller home; their other actions apply as in the health-code phase), then the destination's <c>travel.borders</c>
/// entry; an arriving visitor meets the <c>travel.borders</c> entry, then this region's <c>arrival</c> rules.
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

    public static readonly PartColumn RefusedColumn = new("travellers_refused",
        "Residents of the region refused at departure today by the destination's border (travel.borders: refuse, or a green code or negative pre-departure test required and missing) or by a departure rule (refuse_travel or isolate); they stay home.");
    public static readonly PartColumn QuarantinedColumn = new("arrivals_quarantined",
        "Visitors put in central quarantine on arrival today (travel.borders: quarantine, or a positive test on arrival, isolated for the rest of the trip; or an arrival rule's isolate, or its test when positive).");
    public static readonly PartColumn QuarantinedUninfectedColumn = new("arrivals_quarantined_uninfected",
        "Of arrivals_quarantined, visitors who were not infected (susceptible or recovered) on arrival.");
    public static readonly PartColumn QuarantineDaysColumn = new("travellers_quarantined",
        "Visitors in arrival quarantine or isolation in the region today, who meet nobody: its sum is the traveller quarantine person-days.");
    public static readonly PartColumn ContactsColumn = new("visitor_contacts",
        "Contacts visitors made today with residents of the region (residents alive, at home and not confined).");
    public static readonly PartColumn RecordsColumn = new("border_records",
        "Records about travellers that crossed a border today: codes checked, data behind codes re-checked and pre-departure test results shown at departure (counted in the traveller's home region), tests on arrival (counted in the destination).");
    public static readonly PartColumn PeopleSeenColumn = new("people_seen_abroad",
        "Residents of the region whose code or test data another region's authority saw for the first time today (at departure checks): their sum is the people whose data crossed a border.");

    /// <summary>Days of fever reports a re-check looks back over.</summary>
    public const int RecheckDays = 14;

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
    /// <summary>Today's visitors who are not in arrival quarantine, in message order, and whether each is still susceptible.</summary>
    private readonly List<(TravelVisit Visit, bool Susceptible)> _present = [];
    private readonly BorderConfig?[] _departureBorders;
    private readonly BorderConfig?[] _arrivalBorders;
    private readonly ImmutableDictionary<string, TestKindConfig> _tests;
    private readonly bool _codesOn;
    private readonly Dictionary<long, int> _quarantinedUntil = [];
    private readonly int[] _refused;
    private readonly int[] _quarantined;
    private readonly int[] _quarantinedUninfected;
    private readonly int[] _quarantineDays;
    private readonly int[] _visitorContacts;
    private readonly int[] _records;
    private readonly int[] _peopleSeen;
    private ulong[] _seen = [];
    private readonly CompiledPolicy _policy;
    private readonly RuleActions _actions;
    private readonly RuleEvaluator _evaluator;
    private readonly int[] _departureRules;
    private readonly int[] _arrivalRules;
    private readonly TestKind[] _testKinds;
    private readonly List<ActionRequest> _departureRequests = [];
    /// <summary>The test of a border naming no kind the scenario has: the default kind's values (immutable, shared).</summary>
    private static readonly TestKindConfig DefaultTest = new();

    /// <param name="policy">This region's compiled policy: its departure and arrival rules are the region's border rules.</param>
    /// <param name="actions">The health-code phase's actions, which apply the departure rules' actions.</param>
    public TravelPhase(TravelConfig travel, RegionLink link, int population, NaturalHistory history, ModelConfig model, DailyMetrics daily,
        CompiledPolicy policy, RuleActions actions)
    {
        _policy = policy;
        _actions = actions;
        _evaluator = new RuleEvaluator(policy);
        _departureRules = [.. Enumerable.Range(0, policy.Rules.Length).Where(r => policy.Rules[r].Trigger == RuleTrigger.Departure)];
        _arrivalRules = [.. Enumerable.Range(0, policy.Rules.Length).Where(r => policy.Rules[r].Trigger == RuleTrigger.Arrival)];
        _testKinds = [.. TestLab.KindsOf(model)];
        var disease = model.Disease;
        _tests = model.Tests;
        _codesOn = model.Policy.Enabled;
        var here = link.Names[link.Index];
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
        _refused = daily.AddPartColumn(RefusedColumn);
        _quarantined = daily.AddPartColumn(QuarantinedColumn);
        _quarantinedUninfected = daily.AddPartColumn(QuarantinedUninfectedColumn);
        _quarantineDays = daily.AddPartColumn(QuarantineDaysColumn);
        _visitorContacts = daily.AddPartColumn(ContactsColumn);
        _records = daily.AddPartColumn(RecordsColumn);
        _peopleSeen = daily.AddPartColumn(PeopleSeenColumn);
        _departureBorders = [.. _flows.Select(f => BorderOf(travel, here, link.Names[f.Destination]))];
        _arrivalBorders = [.. link.Names.Select(origin => BorderOf(travel, origin, here))];
    }

    /// <summary>The border entry for travel from <paramref name="from"/> to <paramref name="to"/>: one naming the origin, else one for every origin.</summary>
    public static BorderConfig? BorderOf(TravelConfig travel, string from, string to) =>
        travel.Borders.FirstOrDefault(b => b.To == to && b.From == from) ?? travel.Borders.FirstOrDefault(b => b.To == to && b.From.Length == 0);

    /// <summary>Travellers admitted after a negative pre-departure test although infected on its sampling day (for tests and diagnostics).</summary>
    public long AdmittedInfectedAtTest { get; private set; }

    public string Name => "travel";

    /// <summary>The part's daily columns, in the order it adds them.</summary>
    public static IReadOnlyList<PartColumn> Columns =>
        [TripsColumn, ImportedColumn, ByTravellersColumn, RefusedColumn, QuarantinedColumn, QuarantinedUninfectedColumn, QuarantineDaysColumn, ContactsColumn, RecordsColumn, PeopleSeenColumn];

    public void Step(SimulationState state, int day)
    {
        var agents = state.Agents;
        var seed = state.Seed;
        var region = _link.Index;
        var desk = _link.Desk;
        _infected.Clear();
        _present.Clear();
        foreach (var infection in desk.InfectionsOf(region))
        {
            if (agents.Stage[infection.Person] == DiseaseStage.Susceptible)
            {
                Infect(state, infection.Person, day, "travel abroad");
            }
        }

        // Trips ending today leave the list (kept in order, compacted in place: no delegate per day).
        var imported = 0;
        var staying = 0;
        for (var t = 0; t < _abroad.Count; t++)
        {
            var trip = _abroad[t];
            if (trip.Until != day)
            {
                _abroad[staying++] = trip;
            }
            else if (IsInfected(agents.Stage[trip.Person]))
            {
                imported++;
            }
        }
        _abroad.RemoveRange(staying, _abroad.Count - staying);

        var records = 0;
        if (_flows.Length > 0)
        {
            if (_seen.Length == 0)
            {
                _seen = new ulong[(agents.Size + 63) >> 6];
            }
            var trips = 0;
            var refused = 0;
            var seen = 0;
            for (var i = 0; i < agents.Size; i++)
            {
                if (agents.Stage[i] == DiseaseStage.Dead || agents.IsAway(i, day) || agents.ConfinementOn(i, day) != ConfinementKind.None)
                {
                    continue;
                }
                for (var f = 0; f < _flows.Length; f++)
                {
                    var (flow, destination, probability) = _flows[f];
                    if (CounterRng.Uniform(seed, RngStream.TravelTrip, day, i, (region << 16) | flow) < probability)
                    {
                        if ((_departureRules.Length > 0 && DepartureRefused(state, i, day, destination))
                            || !Admitted(state, i, day, (region << 16) | flow, _departureBorders[f], ref records, ref seen))
                        {
                            refused++;
                            break;
                        }
                        var length = _tripDays.Sample(CounterRng.Uniform(seed, RngStream.TravelLength, day, i, region));
                        agents.AwayFrom![i] = AgentState.Day(day);
                        agents.AwayUntil![i] = AgentState.Day(day + length + 1);
                        _abroad.Add((i, destination, day + length + 1));
                        trips++;
                        break;
                    }
                }
            }
            if (_departureRequests.Count > 0)
            {
                // Requests are in (person, rule) order: the loop above goes person by person, rule by rule.
                _actions.Apply(state, _departureRequests, day);
                _departureRequests.Clear();
            }
            _trips[day] = trips;
            _refused[day] = refused;
            _peopleSeen[day] = seen;
        }

        var age = state.World.AgeYears;
        foreach (var (person, destination, until) in _abroad)
        {
            if (day <= until - 2)
            {
                var arriving = agents.AwayFrom![person] == day;
                desk.Post(region, new TravelVisit(region, person, destination, agents.Stage[person], age[person], arriving, arriving ? RecordOf(state, person) : null));
            }
        }

        var byTravellers = 0;
        int quarantinedToday = 0, quarantinedUninfected = 0, quarantineDays = 0, visitorContacts = 0;
        var whole = (int)Math.Floor(_contacts);
        var fraction = _contacts - whole;
        foreach (var visit in desk.VisitsTo(region))
        {
            var guest = ((long)visit.Origin << 32) | (uint)visit.Person;
            if (visit.Arriving)
            {
                if (IsInfected(visit.Stage))
                {
                    imported++;
                }
                _quarantinedUntil.Remove(guest);
                var border = _arrivalBorders[visit.Origin];
                var quarantine = false;
                if (border?.Require == "quarantine")
                {
                    _quarantinedUntil[guest] = day + border.QuarantineDays;
                    quarantine = true;
                }
                else if (border?.Require == "test_on_arrival")
                {
                    records++;
                    if (Positive(seed, day, visit.Person, (1 << 24) | visit.Origin, IsInfected(visit.Stage), _tests.GetValueOrDefault(border.Test)))
                    {
                        _quarantinedUntil[guest] = int.MaxValue;
                        quarantine = true;
                    }
                }
                if (_arrivalRules.Length > 0 && visit.Shown is { } shown)
                {
                    quarantine |= ApplyArrivalRules(seed, visit, shown, guest, day, ref records);
                }
                if (quarantine)
                {
                    quarantinedToday++;
                    if (!IsInfected(visit.Stage))
                    {
                        quarantinedUninfected++;
                    }
                }
            }
            if (_quarantinedUntil.TryGetValue(guest, out var until) && day < until)
            {
                quarantineDays++;
                continue;
            }
            var contacts = whole + (fraction > 0 && CounterRng.Uniform(seed, RngStream.TravelContact, day, visit.Person, (1 << 20) | visit.Origin) < fraction ? 1 : 0);
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
                visitorContacts++;
                if (Meet(state, day, visit, ref guestSusceptible, resident, _beta, RngStream.TravelTransmission, key, "by a traveller"))
                {
                    byTravellers++;
                }
            }
            _present.Add((visit, guestSusceptible));
        }
        _imported[day] = imported;
        _byTravellers[day] = byTravellers;
        _quarantined[day] = quarantinedToday;
        _quarantinedUninfected[day] = quarantinedUninfected;
        _quarantineDays[day] = quarantineDays;
        _visitorContacts[day] = visitorContacts;
        _records[day] = records;
        _infected.Sort();
        state.Infected.AddRange(_infected);
        state.Today.NewInfections += _infected.Count;
    }

    /// <summary>
    /// The departure check of <paramref name="border"/> for resident <paramref name="person"/>: refusal; a green code
    /// (held, the first colour, and when re-checked also no positive last test, no confinement and no fever report in
    /// the last <see cref="RecheckDays"/> days; an ignored code is not checked); a negative test of the origin's kind
    /// sampled pcr_within_days before departure (stream TravelTest), read from the person's state on that day.
    /// </summary>
    private bool Admitted(SimulationState state, int person, int day, int key, BorderConfig? border, ref int records, ref int seen)
    {
        if (border is null || border.Require is "none" or "test_on_arrival" or "quarantine")
        {
            return true;
        }
        if (border.Require == "refuse")
        {
            return false;
        }
        var agents = state.Agents;
        if (border.Trust != "ignore")
        {
            records += border.Trust == "recheck" ? 2 : 1;
            MarkSeen(person, ref seen);
            var green = _codesOn && state.CodeHolders.Has(person) && agents.Colour[person] == 0;
            if (green && border.Trust == "recheck")
            {
                green = agents.LastTest[person] != TestOutcome.Positive
                    && agents.ConfinementOn(person, day) == ConfinementKind.None
                    && (agents.FeverReportDay[person] == AgentState.Never || day - agents.FeverReportDay[person] >= RecheckDays);
            }
            if (!green)
            {
                return false;
            }
        }
        if (border.Require != "green_pcr")
        {
            return true;
        }
        records++;
        MarkSeen(person, ref seen);
        var sampleDay = day - border.PcrWithinDays;
        var infectedThen = agents.InfectedDay[person] != AgentState.Never && agents.InfectedDay[person] <= sampleDay && IsInfected(agents.Stage[person]);
        if (Positive(state.Seed, day, person, key, infectedThen, _tests.GetValueOrDefault(border.Test)))
        {
            return false;
        }
        if (infectedThen)
        {
            AdmittedInfectedAtTest++;
        }
        return true;
    }

    /// <summary>
    /// This region's departure rules for resident <paramref name="person"/> leaving for <paramref name="destination"/>:
    /// each matching rule's request is kept for <see cref="RuleActions"/>; true when one refuses the trip or isolates.
    /// </summary>
    private bool DepartureRefused(SimulationState state, int person, int day, int destination)
    {
        var agents = state.Agents;
        var refused = false;
        foreach (var r in _departureRules)
        {
            var rule = _policy.Rules[r];
            if (!rule.AppliesTo(agents.Colour[person]))
            {
                continue;
            }
            var facts = _evaluator.FactsAt(state, person, day, rule.FactsRead);
            facts.Origin = _link.Names[_link.Index];
            facts.Destination = _link.Names[destination];
            facts.OriginColour = HomeColour(state, person);
            if (!rule.Matches(ref facts))
            {
                continue;
            }
            _departureRequests.Add(new ActionRequest(person, r, 0));
            foreach (var action in rule.Actions)
            {
                refused |= action.Kind is ActionKind.RefuseTravel or ActionKind.Confine;
            }
        }
        return refused;
    }

    /// <summary>The colour <paramref name="person"/> holds at home: "" without a code or when this region has no codes.</summary>
    private string HomeColour(SimulationState state, int person) =>
        _codesOn && state.CodeHolders.Has(person) ? _policy.Colours[state.Agents.Colour[person]] : "";

    /// <summary>What resident <paramref name="person"/> shows the destination on arrival.</summary>
    private TravellerRecord RecordOf(SimulationState state, int person)
    {
        var agents = state.Agents;
        var history = state.TestHistory;
        return new TravellerRecord(HomeColour(state, person), state.CodeHolders.Has(person), agents.LastTest[person], agents.LastTestDay[person],
            history?.NegativeDay[person] ?? AgentState.Never, history?.SampleDay[person] ?? AgentState.Never,
            agents.PendingTestResultDay[person] != AgentState.Never);
    }

    /// <summary>
    /// This region's arrival rules for an arriving visitor, in declared order: isolate = arrival quarantine for its
    /// days from today (the rest of the trip without days), test = a test on arrival of that kind (result at once,
    /// stream TravelTest as for test_on_arrival; a positive visitor is isolated for the rest of the trip). A rule's
    /// colours filter the origin colour by name. True when the visitor is quarantined.
    /// </summary>
    private bool ApplyArrivalRules(ulong seed, in TravelVisit visit, in TravellerRecord shown, long guest, int day, ref int records)
    {
        var quarantined = false;
        var colour = _policy.Colours.IndexOf(shown.Colour);
        foreach (var r in _arrivalRules)
        {
            var rule = _policy.Rules[r];
            if (rule.ColourMask != ulong.MaxValue && (colour < 0 || !rule.AppliesTo((byte)colour)))
            {
                continue;
            }
            var facts = ArrivalFacts(visit, shown, day);
            if (!rule.Matches(ref facts))
            {
                continue;
            }
            foreach (var action in rule.Actions)
            {
                var until = 0;
                if (action.Kind == ActionKind.Confine)
                {
                    until = action.Days < 0 ? int.MaxValue : day + action.Days;
                }
                else if (action.Kind == ActionKind.Test)
                {
                    records++;
                    if (Positive(seed, day, visit.Person, (1 << 24) | visit.Origin, IsInfected(visit.Stage), _tests.GetValueOrDefault(_testKinds[action.TestKind].Name)))
                    {
                        until = int.MaxValue;
                    }
                }
                if (until > day)
                {
                    _quarantinedUntil[guest] = Math.Max(until, _quarantinedUntil.GetValueOrDefault(guest));
                    quarantined = true;
                }
            }
        }
        return quarantined;
    }

    /// <summary>The facts of an arrival rule: only what travels with the visitor (TravelRules.ArrivalFacts), the regions and the day.</summary>
    private PersonFacts ArrivalFacts(in TravelVisit visit, in TravellerRecord shown, int day) => new()
    {
        Day = day,
        Age = visit.Age,
        HasCode = shown.HasCode,
        Origin = _link.Names[visit.Origin],
        Destination = _link.Names[_link.Index],
        OriginColour = shown.Colour,
        Colour = "",
        Confinement = "none",
        LastTest = RuleEvaluator.TestNames[(int)shown.LastTest],
        LastTestAge = shown.LastTest == TestOutcome.None ? RuleFacts.NoTestAge : day - shown.LastTestDay,
        LastNegativeAge = TestHistory.Age(shown.NegativeDay, day),
        LastSampleAge = TestHistory.Age(shown.SampleDay, day),
        TestPending = shown.TestPending,
        TracedLayer = "",
        VenueKind = "",
        DistrictRisk = "",
        Agent = -1,
    };

    private void MarkSeen(int person, ref int seen)
    {
        var bit = 1UL << (person & 63);
        if ((_seen[person >> 6] & bit) == 0)
        {
            _seen[person >> 6] |= bit;
            seen++;
        }
    }

    /// <summary>A border test's result: positive with the kind's sensitivity if infected, 1 - specificity if not (stream TravelTest).</summary>
    private static bool Positive(ulong seed, int day, int person, int key, bool infected, TestKindConfig? kind)
    {
        kind ??= DefaultTest;
        var p = infected ? kind.Sensitivity : 1 - kind.Specificity;
        return CounterRng.Uniform(seed, RngStream.TravelTest, day, person, key) < p;
    }

    private void Infect(SimulationState state, int agent, int day, string cause)
    {
        _history.Infect(state.Agents, agent, day, state.Seed);
        state.Details.Events?.Add(new PersonEvent(day, agent, PersonEventKind.Stage, (byte)DiseaseStage.Susceptible, (byte)DiseaseStage.Exposed, cause));
        _infected.Add(agent);
    }

    /// <summary>
    /// Today's visitors at this region's venues, after the venue part has grouped its residents' visits: each visitor
    /// not in arrival quarantine visits each venue kind with the kind's probability for the visitor's age (stream
    /// TravelVenue), at a venue and slot drawn uniformly (visitors have no regular venues here), and meets that
    /// venue-slot's resident visitors like a resident would (all of them up to <c>max_contacts</c>, else
    /// <c>max_contacts</c> drawn with replacement), with the kind's beta either way. Visitors hold no code of this
    /// region, so the kind's <c>no_code</c> decides whether they get in (refused visits are not counted).
    /// </summary>
    public void MeetAtVenues(SimulationState state, int day, VenuePhase venues, VenueLayout layout)
    {
        var seed = state.Seed;
        var thresholds = layout.VisitThresholdsByKindAndAge;
        // The travel step's infections are already in the state; this list now collects the venues' only.
        _infected.Clear();
        var infections = 0;
        var contactsMade = 0;
        for (var p = 0; p < _present.Count; p++)
        {
            var (visit, susceptible) = _present[p];
            for (var k = 0; k < layout.Kinds.Length; k++)
            {
                var kind = layout.Kinds[k];
                var key = (k << 8) | visit.Origin;
                if (kind.NoCode == "refuse" || CounterRng.Hash(seed, RngStream.TravelVenue, day, visit.Person, key) >= thresholds[(k << 8) | visit.Age])
                {
                    continue;
                }
                var venue = CounterRng.Below(seed, RngStream.TravelVenue, day, visit.Person, (1 << 16) | key, layout.Venues[k]);
                var slot = CounterRng.Below(seed, RngStream.TravelVenue, day, visit.Person, (2 << 16) | key, kind.Slots);
                var present = venues.VisitorsOf(layout.SlotIndex(k, venue, slot));
                var meets = Math.Min(present.Length, kind.MaxContacts);
                for (var m = 0; m < meets; m++)
                {
                    var resident = present.Length <= kind.MaxContacts
                        ? present[m]
                        : present[CounterRng.Below(seed, RngStream.TravelVenue, day, visit.Person, (3 << 16) | (m << 8) | key, present.Length)];
                    contactsMade++;
                    if (Meet(state, day, visit, ref susceptible, resident, kind.Beta, RngStream.TravelVenue, (4 << 16) | (m << 8) | key, "by a traveller at a venue"))
                    {
                        infections++;
                    }
                }
            }
        }
        _byTravellers[day] += infections;
        _visitorContacts[day] += contactsMade;
        _infected.Sort();
        state.Infected.AddRange(_infected);
        state.Today.NewInfections += _infected.Count;
        _infected.Clear();
    }

    /// <summary>
    /// One contact of a visitor and a resident, infection either way on one draw (<paramref name="stream"/>, keyed by the
    /// visitor and <paramref name="key"/>, drawn only when one of them can infect the other): an infectious visitor
    /// infects a susceptible resident (true), an infectious resident a susceptible visitor, who is posted home.
    /// </summary>
    private bool Meet(SimulationState state, int day, TravelVisit visit, ref bool visitorSusceptible, int resident, double beta, RngStream stream, int key, string cause)
    {
        var stage = state.Agents.Stage[resident];
        var visitorInfectiousness = _infectiousness[(int)visit.Stage];
        if (visitorInfectiousness > 0 && stage == DiseaseStage.Susceptible)
        {
            if (CounterRng.Uniform(state.Seed, stream, day, visit.Person, key) < beta * visitorInfectiousness * _susceptibility[state.World.AgeYears[resident]])
            {
                Infect(state, resident, day, cause);
                return true;
            }
        }
        else if (visitorSusceptible && _infectiousness[(int)stage] > 0
            && CounterRng.Uniform(state.Seed, stream, day, visit.Person, key) < beta * _infectiousness[(int)stage] * _susceptibility[visit.Age])
        {
            _link.Desk.Post(_link.Index, new TravelInfection(visit.Origin, visit.Person));
            visitorSusceptible = false;
        }
        return false;
    }

    private static bool IsInfected(DiseaseStage stage) =>
        stage is not (DiseaseStage.Susceptible or DiseaseStage.Recovered or DiseaseStage.Dead);
}
