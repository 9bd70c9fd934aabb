using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios.Schema;

/// <summary>
/// Where each default input value comes from: a source (with a link) or the word "assumption" with why. Covers the
/// model's inputs (population, contact layers, disease, background illness, check-ins, test kinds, tracing coverage,
/// venue kinds); switches and sizes of a run (days, flags, capacities that default to unlimited) are not inputs.
/// The README's sources table is generated from this, and a test requires an entry for every input setting.
/// </summary>
public static class DefaultSources
{
    private const string Census = "China 7th national census 2020 (National Bureau of Statistics, communiqué no. 5, 2021)";
    private const string Li2020 = "Li et al. 2020, NEJM, https://doi.org/10.1056/NEJMoa2001316";
    private const string He2020 = "He et al. 2020, Nat Med, https://doi.org/10.1038/s41591-020-0869-5";
    private const string Buitrago2020 = "Buitrago-Garcia et al. 2020, PLoS Med, https://doi.org/10.1371/journal.pmed.1003346";
    private const string Guan2020 = "Guan et al. 2020, NEJM, https://doi.org/10.1056/NEJMoa2002032";
    private const string Mossong2008 = "Mossong et al. 2008, PLoS Med, https://doi.org/10.1371/journal.pmed.0050074";
    private const string Calibrated = "assumption: set with the other betas so that the default epidemic without codes grows like early Wuhan (R0 about 2.2, " + Li2020 + "); not fitted to data";

    /// <summary>The groups whose number and list settings are model inputs that need a source.</summary>
    public static ImmutableArray<string> InputPrefixes { get; } =
        ["population.", "layers.", "disease.", "background_illness.", "checkin.", "tests.NAME.", "tracing.coverage.", "venues.kinds.NAME.", "data."];

    /// <summary>Source of each input's default, by setting path (as the reference table writes it).</summary>
    public static ImmutableDictionary<string, string> ByPath { get; } = new Dictionary<string, string>
    {
        ["population.size"] = "assumption: a city district; large enough for smooth curves, small enough to run in seconds",
        ["population.age_bands"] = $"{Census}: 0-14 17.95 %, 15-59 63.35 %, 60+ 18.70 %, split further for school and working ages (the split is an assumption)",
        ["population.household_size_shares"] = $"{Census} (mean 2.62 people per household); the shares by size are an approximation with that mean",
        ["population.workplaces.min_age"] = "assumption: working age 20-64",
        ["population.workplaces.max_age"] = "assumption: working age 20-64",
        ["population.workplaces.employment_rate"] = "assumption, near China's labour-force participation (ILO modelled estimates, about two thirds)",
        ["population.workplaces.mean_size"] = "assumption",
        ["population.workplaces.max_size"] = "assumption",
        ["population.schools.min_age"] = "China's school system: primary school from 6, twelve years to the end of senior secondary",
        ["population.schools.max_age"] = "China's school system: primary school from 6, twelve years to the end of senior secondary",
        ["population.schools.enrolment_rate"] = "assumption: near-universal enrolment in compulsory education, lower in senior secondary",
        ["population.schools.class_size"] = "assumption: Chinese classes commonly hold 40-50 pupils",
        ["population.community.mean_degree"] = "assumption; the small-world model is Watts and Strogatz 1998, Nature, https://doi.org/10.1038/30918",
        ["population.community.rewire_probability"] = "assumption: the small-world regime of Watts and Strogatz 1998, Nature, https://doi.org/10.1038/30918",
        ["population.community.daily_probability"] = "switch: 1 (every edge every day) unless a measured network says how often its contacts meet",
        ["layers.household.beta"] = Calibrated,
        ["layers.work.contacts_per_day"] = $"assumption, in the range of contact surveys ({Mossong2008})",
        ["layers.work.beta"] = Calibrated,
        ["layers.school.contacts_per_day"] = $"assumption, in the range of contact surveys ({Mossong2008})",
        ["layers.school.beta"] = Calibrated,
        ["layers.community.contacts_per_day"] = $"assumption, in the range of contact surveys ({Mossong2008})",
        ["layers.community.beta"] = Calibrated,
        ["layers.home_quarantine.noncompliant_share"] = "assumption: full compliance unless a scenario says otherwise",
        ["layers.home_quarantine.kept_fraction"] = "assumption: full compliance unless a scenario says otherwise",
        ["disease.initial_infected"] = "assumption: a few undetected introductions",
        ["disease.latent_days.mean_days"] = $"incubation period about 5.2 days ({Li2020}) minus about 2 presymptomatic infectious days ({He2020})",
        ["disease.latent_days.sd_days"] = "assumption",
        ["disease.presymptomatic_days.mean_days"] = $"infectiousness starts about 2-3 days before symptoms ({He2020})",
        ["disease.presymptomatic_days.sd_days"] = "assumption",
        ["disease.symptomatic_days.mean_days"] = $"assumption: infectiousness falls within about a week of onset ({He2020})",
        ["disease.symptomatic_days.sd_days"] = "assumption",
        ["disease.asymptomatic_days.mean_days"] = "assumption: as long as the symptomatic stage",
        ["disease.asymptomatic_days.sd_days"] = "assumption",
        ["disease.asymptomatic_share"] = $"about 31 % of infections stay asymptomatic ({Buitrago2020})",
        ["disease.fever_probability"] = $"assumption between fever on admission (44 %) and during hospital stay (89 %) in {Guan2020}",
        ["disease.death_probability"] = "assumption: deaths are off by default (the model is about codes, not mortality)",
        ["disease.infectiousness.presymptomatic"] = $"assumption: infectiousness peaks around onset ({He2020})",
        ["disease.infectiousness.symptomatic"] = "assumption: the reference level",
        ["disease.infectiousness.asymptomatic"] = $"assumption, above the relative risk of about 0.35 in {Buitrago2020}",
        ["disease.susceptibility_by_age"] = "assumption: equal susceptibility at every age unless a scenario gives factors",
        ["background_illness.daily_rate"] = "assumption: fevers from other causes (influenza-like illness) of a few per thousand people a day",
        ["background_illness.fever_days"] = "assumption",
        ["data.upload_probability"] = "assumption, of the order reported for the German Corona-Warn-App, where about half or more of the users with a positive result warned others (Robert Koch Institute, Corona-Warn-App Kennzahlen, 2021)",
        ["data.app_uptake"] = "assumption: every code holder (the default compares designs, not uptake); European apps reached about 20-40 % of the population in 2020-21, set it lower for that",
        ["data.detection_probability"] = "assumption: Bluetooth attenuation misses and misclassifies many contacts (Leith and Farrell 2020, PLoS ONE, measured poor exposure-notification detection in a tram)",
        ["data.notification_compliance"] = "assumption; surveys found full adherence to quarantine well below it (Smith et al. 2021, BMJ, https://doi.org/10.1136/bmj.n608), so set it lower to explore",
        ["tracing.coverage.household"] = "assumption: every contact found (with finite tracers only)",
        ["tracing.coverage.work"] = "assumption: every contact found (with finite tracers only)",
        ["tracing.coverage.school"] = "assumption: every contact found (with finite tracers only)",
        ["tracing.coverage.community"] = "assumption: every contact found (with finite tracers only)",
        ["checkin.probability"] = "assumption: daily check-ins were required in 2020; 90 % do it on a given day",
        ["checkin.fever_report_probability"] = "assumption",
        ["checkin.central_check_probability"] = "assumption: staff check isolated people every day",
        ["checkin.central_fever_detection_probability"] = "assumption: staff detect every fever",
        ["checkin.fatigue_per_day"] = "assumption: no fatigue unless a scenario sets it",
        ["checkin.fatigue_floor"] = "assumption: no fatigue unless a scenario sets it",
        ["checkin.no_smartphone_share_by_age"] = "assumption: everyone holds a code unless a scenario says otherwise",
        ["tests.NAME.sensitivity"] = "assumption, above the peak of Kucirka et al. 2020, Ann Intern Med, https://doi.org/10.7326/M20-1495 (about 0.8; `sensitivity_curve: pcr` follows it)",
        ["tests.NAME.specificity"] = "assumption: PCR false positives are rare",
        ["tests.NAME.turnaround_days"] = "assumption: results the next day",
        ["tests.NAME.capacity_per_day"] = "switch: unlimited by default (not an input)",
        ["tests.NAME.cost_per_test"] = "switch: no costing by default (not an input)",
        ["tests.NAME.sensitivity_by_day"] = "switch: a flat sensitivity by default",
        ["tests.NAME.pool_size"] = "switch: no pooling by default",
        ["tests.NAME.pool_dilution_factor"] = "pools of 5-10 lost about 5-15 % of sensitivity (Bateman et al. 2020, J Clin Microbiol, https://doi.org/10.1128/JCM.01347-20)",
        ["tests.NAME.retest_turnaround_days"] = "assumption: as the first test",
        ["venues.kinds.NAME.per_thousand"] = "assumption",
        ["venues.kinds.NAME.regulars"] = "assumption",
        ["venues.kinds.NAME.catchment"] = "assumption",
        ["venues.kinds.NAME.visit_probability"] = "assumption",
        ["venues.kinds.NAME.visit_factor_by_age"] = "assumption: the same visits at every age unless a scenario gives factors",
        ["venues.kinds.NAME.slots"] = "assumption: twelve opening hours",
        ["venues.kinds.NAME.beta"] = "assumption",
        ["venues.kinds.NAME.max_contacts"] = "assumption",
        ["venues.kinds.NAME.admit"] = "switch: every colour admitted by default",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Whether a reference-table row is a model input whose default needs a source.</summary>
    public static bool IsInput(string path, Setting setting) =>
        InputPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal))
        && !path.Contains("[]", StringComparison.Ordinal)
        && setting.Kind is SettingKind.Number or SettingKind.Integer or SettingKind.List;
}
