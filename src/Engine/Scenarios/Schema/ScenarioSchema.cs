using System.Collections.Immutable;
using System.Reflection;
using Hcsim.Engine.Importation;

namespace Hcsim.Engine.Scenarios.Schema;

/// <summary>
/// The scenario file format, written once: every key with its kind, unit, range, default and description. The loader
/// knows keys and types from it, the validator checks ranges against it, <c>hcsim schema</c> prints it as a JSON Schema
/// and the README's reference tables are generated from it.
/// </summary>
/// <remarks>
/// <para>Adding a model setting: add the property (with its default as initializer) to its config record, then one
/// line in the group below, in the place the documentation should list it. A record property without a line here is
/// refused in files (a test lists such properties), and a line without a property fails when this class loads.</para>
/// <para>Defaults are the config records' initializers, read here from a fresh record at each path, so a partly
/// written group keeps the defaults of the keys it leaves out.</para>
/// </remarks>
public static class ScenarioSchema
{
    public const string Probability = "probability";

    /// <summary>The settings a variant may change: every top-level key except the file-level ones.</summary>
    public static Setting Model { get; } = Group<ModelConfig>("", "Everything one run needs except the seed.",
        Whole("days", "simulated days (day 0 .. days-1)", "days", 1, ScenarioValidator.MaxDays),
        Flag("stop_when_clear", "stop a run early once nobody is infected, flagged or confined and no test or trace is outstanding; the run's `days` in `summary.parquet` then counts the days simulated and `daily.parquet` has rows only for them"),
        Group<PopulationConfig>("population", "the synthetic population, built once from the seed",
            Whole("size", "population size", "people", 1, ScenarioValidator.MaxPopulationSize),
            List("age_bands", "age distribution (shares normalised); people are born into these bands", minItems: 1,
                element: Group<AgeBandConfig>("", "an age band, inclusive at both ends",
                    Age("min_age", "youngest age in the band"),
                    Age("max_age", "oldest age in the band"),
                    Real("share", "share of the population in the band (normalised)", "share", minimum: 0))) with
            { DefaultText = "China 2020 census, 6 bands" },
            List("household_size_shares", "share of households with 1, 2, 3... members (normalised)", minItems: 1,
                element: Real("", "share of households of this size", "share", minimum: 0)),
            Group<WorkplaceConfig>("workplaces", "who works, and workplace sizes (geometric with the mean size, capped)",
                Age("min_age", "youngest working age"),
                Age("max_age", "oldest working age"),
                Chance("employment_rate", "share of working-age people with a workplace", Probability),
                Real("mean_size", "mean workplace size", "people", minimum: 1),
                Whole("max_size", "largest workplace", "people", 1)),
            Group<SchoolConfig>("schools", "who goes to school; classes hold pupils of one age year",
                Age("min_age", "youngest school age"),
                Age("max_age", "oldest school age"),
                Chance("enrolment_rate", "share of school-age people enrolled", Probability),
                Whole("class_size", "pupils per class", "people", 1)),
            Group<CommunityConfig>("community", "the static community graph: a Watts-Strogatz small world over household order",
                Whole("mean_degree", "ring neighbours per person in household order (people of the same household are skipped, so the realised mean is a little lower)",
                    "people", 0, 2 * Agents.CommunityGraph.MaxRingHalfDegree) with
                {
                    MultipleOf = 2,
                    RangeReason = "half of the neighbours sit on each side of a person in household order",
                },
                Chance("rewire_probability", "Watts-Strogatz rewiring: share of ring edges replaced by an edge to a random person", Probability),
                Name("from_file", "a measured contact network replacing the small world: a CSV or Parquet edge list with columns `a`, `b` (person indices from 0, each undirected pair once) and optional `weight` (multiplies `layers.community.beta`), relative to the scenario file; empty = synthesise (see *Measured networks and people tables*)"),
                Chance("daily_probability", "with `from_file`: chance that an edge is met on a day (replaces contacts_per_day / mean degree)", "probability per edge-day")),
            Name("from_file", "a people table replacing the synthetic population: a CSV or Parquet file with column `age` and optionally `household`, `district` and attribute columns, one row per person in index order, relative to the scenario file; empty = synthesise (see *Measured networks and people tables*)"),
            Flag("redraw_per_replicate", "build a new population for each replicate (seeded from the replicate, shared by all variants of that replicate, so pairing holds), so that intervals include the population's randomness; off: one population from the scenario seed for every replicate")),
        Group<LayersConfig>("layers", "who meets whom each day, and how infectious a contact-day is; central isolation removes all contacts, home quarantine keeps household contacts only",
            Group<LayerConfig>("household", "household members: all of them meet every day",
                Chance("beta", "household transmission per contact-day", "probability per contact-day")) with
            {
                NotKeys = ImmutableDictionary<string, string>.Empty.Add("contacts_per_day",
                    "household members all meet every day, so the household layer has only 'beta'"),
            },
            Layer("work", "coworkers met per day"),
            Layer("school", "classmates met per day"),
            Layer("community", "community neighbours met per day"),
            Group<HomeQuarantineConfig>("home_quarantine", "home-quarantine leakage: non-compliant people in home quarantine keep some outside contacts",
                Chance("noncompliant_share", "share of people (fixed per person for the run) who do not keep home quarantine fully", "share"),
                Chance("kept_fraction", "fraction of their work, school and community contacts a non-compliant person keeps while in home quarantine", "fraction"))),
        Group<DiseaseConfig>("disease", "natural history: susceptible -> exposed -> presymptomatic -> symptomatic (or exposed -> asymptomatic) -> recovered or dead",
            Whole("initial_infected", "infected (exposed) on day 0, chosen at random; at most population.size", "people", 0),
            Duration("latent_days", "exposed, not yet infectious"),
            Duration("presymptomatic_days", "infectious before symptoms"),
            Duration("symptomatic_days", "infectious with symptoms"),
            Duration("asymptomatic_days", "infectious, never symptoms"),
            Chance("asymptomatic_share", "infections that stay asymptomatic", Probability),
            Chance("fever_probability", "symptomatic infections with fever (for the whole symptomatic stage)", Probability),
            Chance("death_probability", "symptomatic infections that end in death", Probability),
            Group<InfectiousnessConfig>("infectiousness", "relative infectiousness by stage, multiplying a layer's beta",
                Chance("presymptomatic", "multiplies beta before symptoms", "factor"),
                Chance("symptomatic", "multiplies beta with symptoms", "factor"),
                Chance("asymptomatic", "multiplies beta without symptoms", "factor")),
            List("susceptibility_by_age", "relative susceptibility by age band (1 outside the bands)",
                element: Group<AgeFactorConfig>("", "a susceptibility factor for an age band, inclusive at both ends",
                    Age("min_age", "youngest age in the band"),
                    Age("max_age", "oldest age in the band"),
                    Real("factor", "multiplies the chance of being infected", "factor", minimum: 0)))),
        Group<BackgroundIllnessConfig>("background_illness", "fevers from other causes: the main source of wrongly flagged people",
            Chance("daily_rate", "fever from other causes, for uninfected people without fever", "probability per person-day"),
            Whole("fever_days", "how long such a fever lasts", "days", 1)),
        Group<CentralIsolationConfig>("central_isolation", "finite central isolation beds; absent = unlimited (and no `central_overflow`, `central_turned_away` columns)",
            Whole("beds", "people centrally isolated at once (counted on the day the isolation starts)", "beds", 0),
            Choice("overflow", "where a central isolation goes when no bed is free: `home` (home quarantine for the same days) or `wait` (free until a bed frees, first come first served)", Capacity.CentralBeds.OverflowModes)),
        Group<TracingConfig>("tracing", "finite tracers and the share of contacts they find; absent = unlimited tracers finding every contact (and no `contacts_traced`, `trace_backlog` columns)",
            Whole("capacity_per_day", "contacts traced per day, 0 = unlimited; cases beyond it wait in a backlog, first come first served (a case is traced whole)", "contacts per day", 0),
            Group<TracingCoverageConfig>("coverage", "the share of a case's true contacts that tracing finds, by layer",
                Chance("household", "share of household contacts found", Probability),
                Chance("work", "share of work contacts found", Probability),
                Chance("school", "share of school contacts found", Probability),
                Chance("community", "share of community contacts found", Probability))),
        Group<Regimes.DataRegimeConfig>("data", "where each kind of record is held: `central` (the authority's database) or `device` (the person's phone, consulted only to notify); test samples are always central; absent = everything central (and no `records_central`, `records_device`, ... columns); see *Data regimes*",
            Choice("checkins", "daily check-ins: on `device` they stay on the phone (counted in records_device)", Regimes.DataHolders.Names),
            Choice("scans", "venue scans: on `device` they stay on the phone and `trace_venues` becomes on-device matching against the venue-slots a consenting case uploads", Regimes.DataHolders.Names),
            Choice("contacts", "contact records: on `device` contacts are logged by phones and `trace` becomes exposure notification (`notified` rules instead of `traced` rules)", Regimes.DataHolders.Names),
            Chance("upload_probability", "a case whose records are on their phone consents to upload them (keys, visited venue-slots) when a rule traces them; drawn once per person", "probability per person"),
            Chance("app_uptake", "share of code holders who run the proximity-logging app (contacts on `device`); both sides of a contact need it", "share"),
            Chance("detection_probability", "a contact between two app users is logged on both phones", "probability per contact-day"),
            Chance("notification_compliance", "a notified person heeds the notification: the fact `notification_heeded` of `notified` rules", "probability per person-day")),
        List("mass_testing", "mass testing rounds; none = no mass testing (and no `mass_tests_ordered` column)",
            element: Group<MassTestingRoundConfig>("", "a round: on its days, the people it targets are ordered a test",
                Name("name", "the round's name, for messages"),
                Name("kind", "the test kind ordered (a name in `tests`)") with { Required = true },
                Whole("every_days", "the round repeats every this many days from start_day", "days", 1),
                Whole("start_day", "first day of the round", "day", 0, ScenarioValidator.MaxDays),
                Whole("end_day", "last day of the round (inclusive)", "day", 0, ScenarioValidator.MaxDays),
                List("days", "listed days instead of every_days (when not empty)",
                    element: Whole("", "a simulation day", "day", 0, ScenarioValidator.MaxDays)),
                List("colours", "only people holding one of these colours (everyone if empty)",
                    element: Name("", "a declared colour", "")),
                Age("min_age", "youngest age tested"),
                Age("max_age", "oldest age tested"),
                Chance("share", "share of the targeted people asked each round (drawn per person and round)", Probability),
                Chance("participation", "an asked person takes part", Probability))),
        Group<ImportationsConfig>("importations", "infections arriving from outside: susceptible residents chosen at random become exposed; absent = none (and no `imported_infections` column)",
            Real("daily_rate", "mean imported infections per day, from start_day to end_day", "infections per day", 0) with { Maximum = ImportationPhase.MaxDailyRate },
            Choice("distribution", "`poisson` (a Poisson count with mean daily_rate each day) or `fixed` (exactly daily_rate a day, fractions carried over: 0.5 = one every second day)", ImportationPhase.Distributions),
            Whole("start_day", "first day of the daily rate", "day", 0, ScenarioValidator.MaxDays),
            Whole("end_day", "last day of the daily rate (inclusive)", "day", 0, ScenarioValidator.MaxDays),
            List("schedule", "extra importations on listed days, added to the daily rate",
                element: Group<ImportationDayConfig>("", "a day with a fixed number of imported infections",
                    Whole("day", "simulation day (0-based)", "day", 0, ScenarioValidator.MaxDays),
                    Whole("count", "infections arriving that day", "infections", 0)))),
        Group<Districts.DistrictsConfig>("districts", "districts: contiguous blocks of households whose risk level follows their confirmed cases (see *Districts*); absent = no districts (and no `districts_LEVEL` columns)",
            Whole("count", "districts (when people_per_district is 0)", "districts", 1),
            Whole("people_per_district", "when above 0: districts = population.size / this, rounded (at least 1), instead of count", "people", 0),
            Real("size_cv", "spread of district sizes: coefficient of variation of lognormal target sizes (0 = equal sizes); a district is whole households", "ratio", 0) with { Maximum = 10 },
            Whole("window_days", "confirmed cases (first positive results, on the day they arrive) are counted over this many days, today included", "days", 1, ScenarioValidator.MaxDays),
            Whole("quiet_days", "a district steps down one level after this many days without a new case and at its level", "days", 1, ScenarioValidator.MaxDays),
            List("levels", "risk levels from lowest to highest; a district rises at once to the highest level whose min_cases its window count reaches", minItems: 1,
                element: Group<Districts.DistrictLevelConfig>("", "a risk level",
                    Name("name", "the level's name, read by rules as `district_risk`; names the daily column `districts_NAME`", ScenarioValidator.IdentifierPattern.ToString()) with { Required = true },
                    Whole("min_cases", "confirmed cases in the window that raise a district to this level (0 for the first level; increasing)", "cases", 0))) with
            { MaxItems = Districts.DistrictMap.MaxLevels }),
        Group<CheckInConfig>("checkin", "the daily health check-in in the app",
            Chance("probability", "a living person checks in", "probability per person-day"),
            Chance("fever_report_probability", "a person with fever who checks in reports it", Probability),
            Chance("central_check_probability",
                "a centrally isolated person's daily health check happens (done by staff, in place of the app check-in)",
                "probability per person-day"),
            Chance("central_fever_detection_probability",
                "a centrally isolated person with fever has it found and reported at the staff check", Probability),
            Chance("fatigue_per_day", "check-in fatigue: the check-in probability is multiplied by max(fatigue_floor, (1 - fatigue_per_day)^t), t in days of fatigue_clock; 0 = no fatigue (staff checks in central isolation never tire)", "share per day"),
            Chance("fatigue_floor", "the lowest fatigue factor", "factor"),
            Choice("fatigue_clock", "what t counts: `policy` (days since the start, day 0) or `colour` (days since the person's colour last changed)", CheckInConfig.FatigueClocks),
            List("no_smartphone_share_by_age", "people without a smartphone, hence without a code, by age band (none outside the bands): they never check in and never scan at venues; rules see them by the fact `has_code`",
                element: Group<AgeShareConfig>("", "a share of an age band, inclusive at both ends",
                    Age("min_age", "youngest age in the band"),
                    Age("max_age", "oldest age in the band"),
                    Chance("share", "share of the band without a code", "share")))),
        Map("tests", "test kinds by name (rules order them with `test: NAME`)",
            element: Group<TestKindConfig>("", "a test kind",
                Chance("sensitivity", "positive if infected (exposed or infectious) on the sampling day", Probability),
                Chance("specificity", "negative if not infected on the sampling day", Probability),
                Whole("turnaround_days", "the result arrives this many days after sampling", "days", 1) with
                {
                    RangeReason = "the rules run before the day's samples are taken, so a result reaches them the next day at the earliest",
                },
                Whole("capacity_per_day", "samples processed per day, 0 = unlimited; orders beyond capacity wait, first come first served", "samples per day", 0),
                Whole("cost_per_test", "cost of one test run (a tube: one sample, or one pool), counted in the daily `test_cost` column", "currency units per tube", 0),
                Choice("sensitivity_curve", "`flat` (the sensitivity above whatever the day) or a built-in curve by days since infection: `pcr` or `antigen` (see *Test kinds*)", Testing.SensitivityCurves.Names),
                List("sensitivity_by_day", "the kind's own sensitivity by days since infection on the sampling day (first entry: the day of infection; later days use the last entry); replaces `sensitivity` for infected people",
                    element: Chance("", "sensitivity on that day since infection", Probability)),
                Whole("pool_size", "samples per tube (pooled PCR); 1 = no pooling. A positive tube sends each member to an individual retest", "samples per tube", 1, 100),
                Chance("pool_dilution_factor", "multiplies an infected sample's sensitivity in a pooled tube (1 = no loss)", "factor"),
                Whole("retest_turnaround_days", "days from a positive tube's result (when its members are resampled) to their individual results", "days", 1))) with
        { DefaultText = "one kind, `pcr`, with the defaults below" },
        Group<PolicyConfig>("policy", "the health-code policy: colours, parameters and rules",
            Flag("enabled", "false = no codes at all (everyone keeps the first colour, no rule fires)"),
            List("colours", "colours in severity order; everyone starts with the first, the \"unflagged\" colour", minItems: 1, unique: true,
                element: Name("", "a colour name", ScenarioValidator.IdentifierPattern.ToString())) with { MaxItems = Rules.CompiledPolicy.MaxColours },
            Map("params", "named numbers the rules refer to (`red_days`); a variant changes a number, not a rule",
                element: Real("", "a parameter's value", "")) with
            { Pattern = ScenarioValidator.IdentifierPattern.ToString() },
            Whole("max_trace_depth", "1 = contacts of cases; 2 = also contacts of contacts (if a traced rule traces)", "generations", 1, Tracing.TracedEvent.MaxDepth),
            List("rules", "the rules, in the order their actions apply (see *The rules engine*)",
                element: Group<RuleConfig>("", "a rule: when the trigger concerns a person of one of the colours and the condition holds, the actions apply",
                    Name("name", "the rule's name, unique; named in events and errors") with { Required = true },
                    Choice("on", "the trigger: which people the rule looks at", Rules.RuleTriggers.Names) with { Required = true },
                    List("colours", "only people holding one of these colours (all colours if empty)",
                        element: Name("", "a declared colour", "")),
                    Name("when", "a condition over the person's facts and the policy parameters"),
                    Name("enabled", "a 0/1 parameter (a name in `params`) that switches the rule on (1) or off (0), so a variant or sweep can switch rules; absent = always on"),
                    List("do", "the actions (a bare `release` is a release to the first colour)", minItems: 1,
                        element: Group<ActionConfig>("", "one action; exactly one of set_colour, isolate, release, test, trace, trace_venues, isolate_household, test_household, test_district, isolate_district, refuse_travel",
                            Name("set_colour", "raise the colour to this one; never lowers"),
                            Choice("isolate", "confine from tomorrow", Agents.ConfinementKinds.Names[1..]),
                            Count("days", "days of confinement of an `isolate` action; absent = until released", 1),
                            Name("release", "end the confinement from tomorrow and set this colour (the first colour if empty), even if lower"),
                            Name("test", "order a test of this kind (a name in `tests`)"),
                            Group<TraceConfig>("trace", "find the person's contacts; each receives a `traced` event later",
                                List("layers", "the layers to search", minItems: 1,
                                    element: Choice("", "a contact layer", Contacts.ContactLayers.Names)),
                                Count("days", "days searched back, today included", 1),
                                Count("delay_days", "days until the traced contacts' `traced` events", 0)),
                            Group<Venues.TraceVenuesConfig>("trace_venues", "co-location flagging (needs venues): everyone who scanned at the person's venues within window_slots of their visits receives a `venue_exposure` event later",
                                Count("window_slots", "slots either side of the person's visit (0 = the same slot only)", 0) with { Unit = "slots, or a parameter's name" },
                                Count("days", "days of visits searched back, today included", 1),
                                Count("delay_days", "days until the `venue_exposure` events (at least 1)", 1),
                                List("kinds", "venue kinds searched (all if empty)",
                                    element: Name("", "a declared venue kind", ""))),
                            Group<Districts.GroupIsolationConfig>("isolate_household", "confine every living member of the person's household from tomorrow (once per household per day)",
                                Choice("where", "`home` or `central`", Agents.ConfinementKinds.Names[1..]),
                                Count("days", "days of confinement; absent = until released", 1)),
                            Name("test_household", "order a test of this kind (a name in `tests`) for every living member of the person's household (once per household per day)"),
                            Name("test_district", "order a test of this kind (a name in `tests`) for every living member of the person's district (needs districts; once per district per day)"),
                            Group<Districts.GroupIsolationConfig>("isolate_district", "confine every living member of the person's district from tomorrow (needs districts; once per district per day)",
                                Choice("where", "`home` or `central`", Agents.ConfinementKinds.Names[1..]),
                                Count("days", "days of confinement (required)", 1)),
                            Flag("refuse_travel", "`true`: the trip does not take place (departure rules only; needs travel)")) with
                        {
                            Shorthand = "release",
                            ExactlyOneOf = ["set_colour", "isolate", "release", "test", "trace", "trace_venues", "isolate_household", "test_household", "test_district", "isolate_district", "refuse_travel"],
                            KeyNeeds = ImmutableDictionary<string, string>.Empty.Add("days", "isolate"),
                        })))),
        Group<Venues.VenuesConfig>("venues", "places people visit: shops, restaurants, offices, transport; absent or without kinds = no venue layer",
            Map("kinds", "venue kinds by name; people in the same venue in the same time slot meet (home quarantine and central isolation keep people away)",
                element: Group<Venues.VenueKindConfig>("", "a venue kind",
                    Real("per_thousand", "venues of this kind per 1,000 people (at least one venue in all)", "venues per 1,000 people", 0) with { MinimumExclusive = true },
                    Whole("regulars", "regular venues of this kind per person, chosen near home (fixed for the run)", "venues", 1, 64),
                    Whole("catchment", "regular venues are drawn among this many venues nearest home (in household order)", "venues", 1),
                    Chance("visit_probability", "a free person visits one of their regular venues of this kind on a day", "probability per person-day"),
                    List("visit_factor_by_age", "multiplies visit_probability by age band (1 outside the bands; capped at probability 1)",
                        element: Group<AgeFactorConfig>("", "a visit factor for an age band, inclusive at both ends",
                            Age("min_age", "youngest age in the band"),
                            Age("max_age", "oldest age in the band"),
                            Real("factor", "multiplies the chance of a visit", "factor", minimum: 0))),
                    Whole("slots", "time slots of the opening hours (12 = twelve one-hour slots); a visit takes one slot", "slots per day", 1, 96),
                    Chance("beta", "transmission per co-present contact (an infectious and a susceptible visitor in one venue and slot)", "probability per contact"),
                    Whole("max_contacts", "co-visitors an infectious visitor meets at most in one visit (drawn at random in crowded slots)", "people per visit", 0, 1000),
                    List("admit", "colours admitted at the door when the policy is on (all if empty); a person holding another colour is refused and does not visit",
                        element: Name("", "a declared colour", "")),
                    Choice("no_code", "people without a code at the door when the policy is on: `admit` (no record), `refuse` (counted in venue_refusals) or `paper` (admitted on a paper pass, a record counted in records_paper_passes)", Venues.VenueKindConfig.NoCodeChoices))) with
            { Pattern = ScenarioValidator.IdentifierPattern.ToString() }),
        Map("attributes", "person attributes by name (smoking, exercise...), drawn per person from the seed; facts for rule conditions and `score` by their names; none = no attribute columns (see *Person attributes and the health score*)",
            element: Group<People.AttributeConfig>("", "an attribute: a boolean held by a share of each age band, or a number drawn by age band",
                Choice("kind", "`boolean` (true or false; conditions read it as a truth value) or `number` (a real number)", People.AttributeKinds.All),
                List("by_age", "how the attribute is drawn by age band (first matching band; outside every band a boolean is false and a number 0)", minItems: 1,
                    element: Group<People.AttributeBandConfig>("", "an age band, inclusive at both ends, and the attribute's distribution in it",
                        Age("min_age", "youngest age in the band"),
                        Age("max_age", "oldest age in the band"),
                        Chance("share", "boolean: share of the band holding the attribute", "share"),
                        Choice("distribution", "number: `normal` (mean, sd), `lognormal` (the number's own mean > 0 and sd), `uniform` (low, high) or `fixed` (always mean)", People.AttributeKinds.Distributions),
                        Real("mean", "number: mean (normal, lognormal) or the value (fixed)", "attribute units"),
                        Real("sd", "number: standard deviation (normal, lognormal)", "attribute units", 0),
                        Real("low", "number: lower end (uniform)", "attribute units"),
                        Real("high", "number: upper end (uniform), at least low", "attribute units"))),
                Flag("split_outputs", "boolean only, at most one attribute: split flagged person-days by it (daily `flagged_with_attribute`, `flagged_without_attribute`, `people_with_attribute` and their summary totals)"))) with
            { Pattern = ScenarioValidator.IdentifierPattern.ToString() },
        Name("score", "an expression over facts, attributes and parameters (like a rule condition, but a number) that becomes the fact `score`; empty = no score"),
        Group<Regions.TravelConfig>("travel", "travel between the scenario's `regions` (see *Regions and travel*); absent = no travel (and no `trips`, `travel_imported_infections`, `infections_by_travellers` columns)",
            List("flows", "trips from one region to another; each day a resident alive, at home and not confined leaves on the first flow of the region whose draw succeeds",
                element: Group<Regions.TravelFlowConfig>("", "a flow of trips",
                    Name("from", "the origin region (a name in `regions`)"),
                    Name("to", "the destination region (another name in `regions`)"),
                    Real("trips_per_day", "mean trips a day: each resident leaves with probability trips_per_day / population; 0 = use share_per_day", "trips per day", 0),
                    Chance("share_per_day", "probability per resident-day of leaving on this flow, when trips_per_day is 0", "probability per person-day"))),
            Duration("trip_days", "days at the destination (a day's journey each way comes on top)"),
            Real("contacts_per_day", "residents of the destination a traveller meets per day there (random residents, alive, at home and not confined)", "people per day", 0) with { Maximum = Regions.TravelPhase.MaxContactsPerDay },
            Chance("beta", "transmission per traveller-resident contact-day, either way, times the stage infectiousness and the age susceptibility of the destination's disease settings", "probability per contact-day"),
            List("borders", "what a destination requires of travellers from an origin; a pair without an entry requires nothing (an entry naming the origin wins over one for every origin)",
                element: Group<Regions.BorderConfig>("", "a border: destination, origin and requirement",
                    Name("from", "the origin region; empty = every other region"),
                    Name("to", "the destination region whose border this is"),
                    Choice("require", "`none`; `green` (a green code at departure: mutual recognition); `green_pcr` (green plus a negative test sampled pcr_within_days before departure); `test_on_arrival` (a positive visitor is isolated for the rest of the trip); `quarantine` (quarantine_days of central quarantine on arrival, no contacts); `refuse` (nobody travels)", Regions.BorderConfig.Requirements),
                    Choice("trust", "how the destination treats the origin's code: `trust` (the colour as shown), `recheck` (also no positive last test, no confinement, no fever report in 14 days), `ignore` (the code is not checked)", Regions.BorderConfig.TrustLevels),
                    Whole("pcr_within_days", "green_pcr: days between the sample and departure", "days", 0, 30),
                    Whole("quarantine_days", "quarantine: days of central quarantine from arrival", "days", 1, ScenarioValidator.MaxDays),
                    Name("test", "the test kind of the pre-departure or arrival test (a name in `tests`)")))));

    /// <summary>The keys of the scenario file itself; every other top-level key is a model setting.</summary>
    public static Setting File { get; } = new()
    {
        Key = "",
        Kind = SettingKind.Group,
        ClrType = typeof(Scenario),
        Description = "A scenario: the model settings plus these file-level keys, which variants cannot change.",
        Children =
        [
            FileKey(Name("name", "scenario name; names the output folder (letters, digits, '.', '_', '-')", ScenarioValidator.NamePattern.ToString()) with { Required = true }, null),
            FileKey(Name("description", "free text, shown in the report"), ""),
            FileKey(Whole("seed", "base seed; replicate r uses a seed derived from it", "", 0) with { ClrType = typeof(ulong) }, ScenarioDefaults.Seed),
            FileKey(Whole("replicates", "runs per variant", "runs", 1, ScenarioValidator.MaxReplicates), ScenarioDefaults.Replicates),
            FileKey(Name("baseline", "name of the variant that is the base scenario itself", ScenarioValidator.NamePattern.ToString()), ScenarioDefaults.BaselineVariantName),
            FileKey(Name("counterfactual", "variant against which `infections_averted` is computed"), null) with
            { DefaultText = $"`{ScenarioDefaults.CounterfactualVariantName}` if such a variant exists" },
            FileKey(Name("reference", "variant against which every variant's paired difference (`ref_diff_*` in variants.parquet) is computed"), null) with
            { DefaultText = "the baseline" },
            FileKey(List("variants", "variants of the base scenario, each with overrides by path", minItems: 1,
                element: new Setting
                {
                    Key = "",
                    Kind = SettingKind.Group,
                    ClrType = typeof(ScenarioVariant),
                    Description = "a variant: the base scenario with its `set` overrides applied",
                    Children =
                    [
                        Name("name", "the variant's name (letters, digits, '.', '_', '-')", ScenarioValidator.NamePattern.ToString()) with { Required = true },
                        Name("description", "free text, shown in the report"),
                        Overrides("set", "model settings by path (`policy.params.yellow_days: 3`), as with --set", sweep: false),
                    ],
                }), null) with
            { DefaultText = "none" },
            FileKey(Overrides("sweep", "a grid `{PATH: [values], ...}` over model settings; every combination becomes a variant of the baseline, named like `yellow_days-3--probability-0.6` (see docs/sweeps.md)", sweep: true), null) with
            { DefaultText = "none" },
            FileKey(List("uncertainty", "inputs whose value each replicate draws from a distribution (Latin hypercube over the replicates, the same draw in every variant of a replicate); see *Input uncertainty and sensitivity*",
                element: Group<UncertainInputConfig>("", "an uncertain input: a model setting and its distribution",
                    Name("name", "names the column `input_NAME` of inputs.parquet (lower-case letters, digits, '_'; default: the path's last segment)"),
                    Name("path", "a number setting by path, as in a variant's `set` (`layers.household.beta`, `policy.params.yellow_days`); whole-number settings use the draw rounded") with { Required = true },
                    Choice("distribution", "`uniform` (min, max), `normal` (mean, sd), `beta` (alpha, beta; scaled to min..max, default 0..1) or `lognormal` (mu, sigma of the logarithm)", Uncertainty.InputDistribution.Names) with { Required = true },
                    Real("min", "lower end (uniform; beta's scale)", ""),
                    Real("max", "upper end (uniform; beta's scale)", ""),
                    Real("mean", "mean (normal)", ""),
                    Real("sd", "standard deviation (normal)", "", 0) with { MinimumExclusive = true },
                    Real("alpha", "first shape parameter (beta)", "", 0) with { MinimumExclusive = true },
                    Real("beta", "second shape parameter (beta)", "", 0) with { MinimumExclusive = true },
                    Real("mu", "mean of the logarithm (lognormal)", ""),
                    Real("sigma", "standard deviation of the logarithm (lognormal)", "", 0) with { MinimumExclusive = true })), null) with
            { DefaultText = "none" },
            FileKey(Map("regions", "regions (countries, provinces), each a whole world of its own: the model settings with the region's overrides by path (`population.size: 20000`), applied before a variant's; absent = one region, `main` (see *Regions and travel*)",
                element: Overrides("", "a region: model settings by path (`disease.initial_infected: 30`, `policy.enabled: false`), as a variant's `set`; not `days`, `stop_when_clear` or `travel`", sweep: false)) with
            { Pattern = ScenarioValidator.IdentifierPattern.ToString() }, null) with
            { DefaultText = "none (one region, `main`)" },
            FileKey(Group<Calibration.CalibrationConfig>("calibration", "what `hcsim calibrate` fits to observed numbers (see *Calibration*); `hcsim run` ignores it",
                Whole("particles", "candidates accepted into each generation's population", "particles", 2, 100_000),
                Whole("generations", "generations at most; the first samples the priors", "generations", 1, 1000),
                Real("quantile", "a generation's tolerance is this quantile of the previous population's distances", "quantile", 0) with { MinimumExclusive = true, Maximum = 1 },
                Real("tolerance", "stop once a generation's tolerance is at or below this total distance (0 = run every generation)", "distance", 0),
                Whole("replicates", "runs per candidate (common random numbers: candidate i of every generation uses the same seeds); simulated values are means over them", "runs", 1, 1000),
                Whole("max_rounds", "proposal rounds of `particles` candidates a generation may use to fill its population; a generation still short stops the calibration", "rounds", 1, 1000),
                Whole("max_runs", "budget of simulation runs, 0 = none; a round that would exceed it is not started (`--max-runs` overrides)", "runs", 0),
                Real("max_minutes", "budget of wall time, 0 = none; a round expected to end after it is not started (`--max-minutes` overrides)", "minutes", 0),
                List("parameters", "the settings to fit, each with a prior", minItems: 1,
                    element: Group<Calibration.CalibrationParameterConfig>("", "a setting to fit and its prior",
                        Name("path", "a model setting path holding a number, as with --set (`background_illness.daily_rate`, `policy.params.red_days`)") with { Required = true },
                        Choice("prior", "`uniform` (min, max), `normal` (mean, sd), `lognormal` (mu, sigma of the logarithm) or `beta` (alpha, beta); min and max truncate the others", Calibration.Prior.Kinds),
                        Real("min", "lowest value (needed by uniform; truncates the others)", ""),
                        Real("max", "highest value (needed by uniform; truncates the others)", ""),
                        Real("mean", "mean of a normal prior", ""),
                        Real("sd", "standard deviation of a normal prior", "", 0) with { MinimumExclusive = true },
                        Real("mu", "mean of the logarithm for a lognormal prior", ""),
                        Real("sigma", "standard deviation of the logarithm for a lognormal prior", "", 0) with { MinimumExclusive = true },
                        Real("alpha", "first shape of a beta prior", "", 0) with { MinimumExclusive = true },
                        Real("beta", "second shape of a beta prior", "", 0) with { MinimumExclusive = true })),
                List("targets", "the observed numbers to reproduce; a candidate's distance is the sum of the targets' distances", minItems: 1,
                    element: Group<Calibration.CalibrationTargetConfig>("", "an observed value (or series) of an output metric, with its uncertainty",
                        Name("name", "the target's name, in outputs and plots", ScenarioValidator.IdentifierPattern.ToString()) with { Required = true },
                        Name("metric", "a daily column (`green`, `traced_infected`) or a summary column (`attack_rate`, `contact_yield`)") with { Required = true },
                        Name("per", "a daily or summary column to divide by (aggregated the same way): the target is the ratio"),
                        Choice("aggregate", "how a daily column is aggregated over the days: `mean`, `sum` or `last`", Calibration.TargetMetric.Aggregates),
                        Whole("from_day", "first day of the window of a daily column", "day", 0, ScenarioValidator.MaxDays),
                        Whole("to_day", "last day of the window (inclusive); absent = the last day", "day", 0, ScenarioValidator.MaxDays),
                        Real("observed", "the observed value (unless `series`)", ""),
                        Real("sd", "its uncertainty: the distance is ((simulated - observed) / sd)^2", "", 0) with { MinimumExclusive = true, Required = true },
                        Name("series", "a CSV file of `day,value` rows (path relative to the scenario file) compared day by day instead of `observed`; its distance is the mean of the rows' squared z-scores")))), null) with
            { DefaultText = "none" },
            FileKey(Group<Search.SearchConfig>("search", "what `hcsim optimise` searches: decision variables and objectives of a multi-objective policy search (NSGA-II; see *Optimise (policy search)*); `hcsim run` ignores it",
                Whole("population_size", "candidates a generation (the NSGA-II population, and the offspring each later generation evaluates)", "candidates", 4, 10_000),
                Whole("generations", "generations; the first draws its candidates uniformly from the ranges", "generations", 1, 1000),
                Whole("replicates", "runs per candidate; replicate r of every candidate uses the same seed (common random numbers), so candidates are compared pair by pair", "runs", 1, 1000),
                Whole("seed", "seed of the search's own draws (proposals), 0 = the scenario's `seed`; the runs always use the scenario's seed", "", 0),
                Whole("max_runs", "budget of simulation runs, 0 = none; a generation that would exceed it is not started (`--max-runs` overrides)", "runs", 0),
                Real("max_minutes", "budget of wall time, 0 = none; a generation expected to end after it is not started (`--max-minutes` overrides)", "minutes", 0),
                List("variables", "the decision variables: settings the search varies, each with a range or a set of values", minItems: 1,
                    element: Group<Search.SearchVariableConfig>("", "a setting to vary and the values it may take",
                        Name("path", "a model setting path holding a number, as with --set (`policy.params.red_days`, `checkin.probability`)") with { Required = true },
                        Real("min", "lowest value of the range (with max; not with values)", ""),
                        Real("max", "highest value of the range (with min; not with values)", ""),
                        Flag("integer", "only whole numbers in the range (always so for a setting that holds whole numbers)"),
                        List("values", "the values the setting may take instead of a range, e.g. a rule switch `[0, 1]`",
                            element: Real("", "a value", "")))),
                List("objectives", "two or three summary metrics to optimise together (columns of `summary.parquet`, e.g. `infections_averted`, `never_infected_confined_person_days`, `data_records`)", minItems: 2,
                    element: Group<Search.SearchObjectiveConfig>("", "a summary metric and its direction",
                        Name("metric", "a summary column; its mean over the replicates is optimised (`infections_averted` needs the scenario's `counterfactual`)") with { Required = true },
                        Choice("direction", "`maximise` or `minimise`", Search.SearchObjectiveConfig.Directions))) with { MaxItems = 3 }), null) with
            { DefaultText = "none" },
        ],
    };

    /// <summary>The setting at a dotted path below <paramref name="root"/> (map names match any key), or null.</summary>
    public static Setting? Find(Setting root, IReadOnlyList<string> segments)
    {
        var setting = root;
        foreach (var segment in segments)
        {
            setting = setting.Kind switch
            {
                SettingKind.Group => setting.Child(segment),
                SettingKind.Map => setting.Element,
                _ => null,
            };
            if (setting is null)
            {
                return null;
            }
        }
        return setting;
    }

    /// <summary>The one group of the model whose values are stored in this record type (<see cref="ModelConfig"/> for the root).</summary>
    public static Setting GroupOf(Type recordType)
    {
        Setting? found = null;
        foreach (var setting in Walk(Model))
        {
            if (setting.Kind == SettingKind.Group && setting.ClrType == recordType)
            {
                if (found is not null && !found.Keys.SequenceEqual(setting.Keys))
                {
                    throw new ArgumentException($"{recordType.Name} is stored by groups with different keys; name the group by path", nameof(recordType));
                }
                found ??= setting;
            }
        }
        return found ?? throw new ArgumentException($"no scenario setting is stored in {recordType.Name}", nameof(recordType));
    }

    /// <summary>Every setting below and including <paramref name="root"/>, parents before children.</summary>
    public static IEnumerable<Setting> Walk(Setting root)
    {
        yield return root;
        foreach (var child in root.Children)
        {
            foreach (var setting in Walk(child))
            {
                yield return setting;
            }
        }
        if (root.Element is { } element)
        {
            foreach (var setting in Walk(element))
            {
                yield return setting;
            }
        }
    }

    private static Setting Whole(string key, string description, string unit, long minimum, long? maximum = null) => new()
    {
        Key = key, Kind = SettingKind.Integer, ClrType = typeof(int), Description = description, Unit = unit,
        Minimum = minimum, Maximum = maximum,
    };

    private static Setting Age(string key, string description) => Whole(key, description, "years", 0, ScenarioValidator.MaxAge);

    private static Setting Real(string key, string description, string unit, double? minimum = null) => new()
    {
        Key = key, Kind = SettingKind.Number, ClrType = typeof(double), Description = description, Unit = unit, Minimum = minimum,
    };

    private static Setting Chance(string key, string description, string unit) => Real(key, description, unit, 0) with { Maximum = 1 };

    private static Setting Flag(string key, string description) => new()
    {
        Key = key, Kind = SettingKind.Boolean, ClrType = typeof(bool), Description = description,
    };

    private static Setting Name(string key, string description, string? pattern = null) => new()
    {
        Key = key, Kind = SettingKind.Text, ClrType = typeof(string), Description = description,
        Pattern = string.IsNullOrEmpty(pattern) ? null : pattern,
    };

    private static Setting Choice(string key, string description, IEnumerable<string> allowed) => new()
    {
        Key = key, Kind = SettingKind.Text, ClrType = typeof(string), Description = description, Allowed = [.. allowed],
    };

    private static Setting Count(string key, string description, double minimum) => new()
    {
        Key = key, Kind = SettingKind.NumberOrParameter, ClrType = typeof(NumberOrParameter), Description = description,
        Unit = "days, or a parameter's name", Minimum = minimum,
    };

    private static Setting Duration(string key, string description) =>
        Group<DurationConfig>(key, $"{description}: a duration in whole days drawn per person",
            Choice("distribution", "`gamma` (mean and sd, rounded to whole days, at least 1) or `fixed` (always mean_days, rounded)", ScenarioValidator.Distributions),
            Real("mean_days", "mean duration", "days", 0) with { MinimumExclusive = true },
            Real("sd_days", "standard deviation (greater than 0 for gamma)", "days", 0));

    private static Setting Layer(string key, string contacts) =>
        Group<LayerConfig>(key, $"the {key} layer",
            Real("contacts_per_day", contacts, "people per day", 0),
            Chance("beta", "transmission per contact-day", "probability per contact-day"));

    private static Setting List(string key, string description, Setting element, int minItems = 0, bool unique = false) => new()
    {
        Key = key, Kind = SettingKind.List, Description = description, Element = element, MinItems = minItems, UniqueItems = unique,
        ClrType = typeof(ImmutableArray<>).MakeGenericType(element.ClrType),
    };

    private static Setting Map(string key, string description, Setting element) => new()
    {
        Key = key, Kind = SettingKind.Map, Description = description, Element = element,
        ClrType = typeof(ImmutableDictionary<,>).MakeGenericType(typeof(string), element.ClrType),
    };

    private static Setting Overrides(string key, string description, bool sweep) => new()
    {
        Key = key, Kind = sweep ? SettingKind.Sweep : SettingKind.Overrides, Description = description, ClrType = typeof(object),
    };

    private static Setting FileKey(Setting setting, object? value) => setting with { Default = value };

    /// <summary>
    /// A group stored in <typeparamref name="TRecord"/>: binds each child to the record property of the same name
    /// (snake_case) and takes its default from a fresh record.
    /// </summary>
    private static Setting Group<TRecord>(string key, string description, params Setting[] children) where TRecord : new()
    {
        var record = new TRecord();
        var bound = ImmutableArray.CreateBuilder<Setting>(children.Length);
        foreach (var child in children)
        {
            var property = typeof(TRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .SingleOrDefault(p => SettingNames.ToSnakeCase(p.Name) == child.Key && p.SetMethod is { IsPublic: true })
                ?? throw new InvalidOperationException($"the schema names '{child.Key}' in {typeof(TRecord).Name}, which has no such property");
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var fits = type == child.ClrType
                || (child.Kind == SettingKind.Integer && (type == typeof(long) || type == typeof(ulong)));
            if (!fits)
            {
                throw new InvalidOperationException(
                    $"the schema stores '{child.Key}' as {child.ClrType.Name}, but {typeof(TRecord).Name}.{property.Name} is {type.Name}");
            }
            bound.Add(WithDefault(child with { Property = property, ClrType = type }, property.GetValue(record)));
        }
        return new Setting
        {
            Key = key,
            Kind = SettingKind.Group,
            ClrType = typeof(TRecord),
            Description = description,
            Children = bound.MoveToImmutable(),
        };
    }

    /// <summary>The setting with this default, and its children with the defaults inside it.</summary>
    private static Setting WithDefault(Setting setting, object? value) =>
        setting.Kind == SettingKind.Group && value is not null
            ? setting with { Default = value, Children = [.. setting.Children.Select(c => WithDefault(c, c.Property!.GetValue(value)))] }
            : setting with { Default = value };
}
