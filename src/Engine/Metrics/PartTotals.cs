namespace Hcsim.Engine.Metrics;

/// <summary>
/// The optional summary columns of the parts a scenario switches on (testing, central beds, tracing capacity), each
/// derived from the part's daily columns so that nothing is counted twice: present exactly when those daily columns are.
/// </summary>
public static class PartTotals
{
    private const string Samples = "samples";
    private const string Tubes = "tubes";
    private const string TubesPrefix = "tubes_";

    /// <summary>The summary columns derived from the daily part columns named <paramref name="dailyPartColumns"/>, in file order.</summary>
    public static IReadOnlyList<PartTotalColumn> Columns(IReadOnlyList<string> dailyPartColumns)
    {
        var columns = new List<PartTotalColumn>();
        if (dailyPartColumns.Contains(Samples))
        {
            columns.Add(new("samples_total", false, "Sum over days of samples: samples taken over the run (all kinds); present when the testing part is on."));
            columns.Add(new("tubes_total", false, "Sum over days of tubes: tubes run over the run (all kinds); below samples_total with pooled PCR."));
            columns.Add(new("test_cost_total", false, "Sum over days of test_cost: the cost of the tubes run, in the scenario's currency units."));
            columns.Add(new("sample_wait_mean_days", true, "Sum of sample_wait_days / samples_total: the mean days a sample waited in the lab's queue; empty when no sample was taken."));
            columns.Add(new("sample_wait_max_days", false, "Largest sample_wait_max_days over days: the longest wait of a sample in the queue."));
            var kinds = Kinds(dailyPartColumns);
            columns.AddRange(kinds.Select(k => new PartTotalColumn($"samples_total_{k}", false, $"Sum over days of samples_{k}: samples of the {k} test taken over the run.")));
            columns.AddRange(kinds.Select(k => new PartTotalColumn($"tubes_total_{k}", false, $"Sum over days of tubes_{k}: tubes of the {k} test run over the run.")));
        }
        if (dailyPartColumns.Contains("central_overflow"))
        {
            columns.Add(new("central_overflow_person_days", false, "Sum over days of central_overflow: person-days of people ordered central isolation who found no bed; present when central_isolation limits beds."));
        }
        if (dailyPartColumns.Contains("trace_backlog"))
        {
            columns.Add(new("trace_backlog_max", false, "Largest trace_backlog over days: the most contacts waiting for a tracer; present when tracing has a capacity."));
        }
        if (dailyPartColumns.Contains("flagged_with_attribute"))
        {
            columns.Add(new("flagged_person_days_with_attribute", false, "Sum over days of flagged_with_attribute: flagged person-days of people holding the attribute marked `split_outputs`; present when one is."));
            columns.Add(new("flagged_person_days_without_attribute", false, "Sum over days of flagged_without_attribute: flagged person-days of people not holding it."));
            columns.Add(new("people_with_attribute", false, "people_with_attribute on day 0: people holding the attribute marked `split_outputs` (population minus people_with_attribute do not)."));
        }
        if (dailyPartColumns.Contains("trips"))
        {
            columns.Add(new("trips_total", false, "Sum over days of trips: trips residents of the region started (travel)."));
            columns.Add(new("travel_imported_infections_total", false, "Sum over days of travel_imported_infections: infected travellers arriving in the region (visitors and residents coming home)."));
            columns.Add(new("infections_by_travellers_total", false, "Sum over days of infections_by_travellers: residents infected directly by visiting travellers."));
            columns.Add(new("travellers_refused_total", false, "Sum over days of travellers_refused: departures refused by a destination's border."));
            columns.Add(new("arrivals_quarantined_total", false, "Sum over days of arrivals_quarantined: visitors quarantined or isolated on arrival."));
            columns.Add(new("arrivals_quarantined_uninfected_total", false, "Sum over days of arrivals_quarantined_uninfected: of those, visitors not infected on arrival."));
            columns.Add(new("traveller_quarantine_person_days", false, "Sum over days of travellers_quarantined: visitor-days in arrival quarantine or isolation."));
            columns.Add(new("visitor_contacts_total", false, "Sum over days of visitor_contacts: contacts visitors made with residents."));
            columns.Add(new("border_records_total", false, "Sum over days of border_records: records about travellers that crossed a border."));
            columns.Add(new("people_seen_abroad_total", false, "Sum over days of people_seen_abroad: residents whose data another region's authority saw."));
        }
        if (dailyPartColumns.Contains("traced"))
        {
            columns.Add(new("traced_total", false, "Sum over days of traced: traced events delivered over the run (a person reached on several days counts on each); present when a rule traces contacts."));
            columns.Add(new("traced_infected_total", false, "Sum over days of traced_infected: of those, the ones infected (exposed or infectious) when the event reached them."));
            columns.Add(new("contact_yield", true, "traced_infected_total / traced_total: the share of traced contacts who were infected when traced; empty when nobody was traced."));
        }
        if (dailyPartColumns.Contains("records_central"))
        {
            columns.Add(new("data_records_central", false, "Sum over days of records_central: records the authority gathered or read (the data section's central kinds, test samples and uploads); present with a data section."));
            columns.Add(new("data_records_device", false, "Sum over days of records_device: records that stayed on people's phones; data_records_central + data_records_device = data_records."));
            columns.Add(new("records_uploaded_total", false, "Sum over days of records_uploaded: records cases uploaded from their phones (part of data_records_central)."));
            columns.Add(new("people_looked_up_central", false, "Sum over days of looked_up_central: distinct people whose contacts or visits the authority consulted."));
            columns.Add(new("people_looked_up_device", false, "Sum over days of looked_up_device: distinct people whose uploaded records phones matched (people_looked_up counts a person found both ways once)."));
        }
        return columns;
    }

    /// <summary>The values of <see cref="Columns"/> for a finished run's daily table, in the same order.</summary>
    public static PartTotalList Compute(DailyMetrics daily)
    {
        var byName = daily.PartColumns.ToDictionary(c => c.Name, c => c.Values, StringComparer.Ordinal);
        var days = daily.DaysSimulated;
        long Sum(string name) => byName[name].Take(days).Sum(v => (long)v);
        long Max(string name) => days == 0 ? 0 : byName[name].Take(days).Max();
        var totals = new PartTotalList();
        foreach (var column in Columns([.. byName.Keys]))
        {
            double? value = column.Name switch
            {
                "samples_total" => Sum(Samples),
                "tubes_total" => Sum(Tubes),
                "test_cost_total" => Sum("test_cost"),
                "sample_wait_mean_days" => Sum(Samples) == 0 ? null : (double)Sum("sample_wait_days") / Sum(Samples),
                "sample_wait_max_days" => Max("sample_wait_max_days"),
                "central_overflow_person_days" => Sum("central_overflow"),
                "trace_backlog_max" => Max("trace_backlog"),
                "flagged_person_days_with_attribute" => Sum("flagged_with_attribute"),
                "flagged_person_days_without_attribute" => Sum("flagged_without_attribute"),
                "people_with_attribute" => days == 0 ? 0 : byName["people_with_attribute"][0],
                "trips_total" => Sum("trips"),
                "travel_imported_infections_total" => Sum("travel_imported_infections"),
                "infections_by_travellers_total" => Sum("infections_by_travellers"),
                "travellers_refused_total" => Sum("travellers_refused"),
                "arrivals_quarantined_total" => Sum("arrivals_quarantined"),
                "arrivals_quarantined_uninfected_total" => Sum("arrivals_quarantined_uninfected"),
                "traveller_quarantine_person_days" => Sum("travellers_quarantined"),
                "visitor_contacts_total" => Sum("visitor_contacts"),
                "border_records_total" => Sum("border_records"),
                "people_seen_abroad_total" => Sum("people_seen_abroad"),
                "traced_total" => Sum("traced"),
                "traced_infected_total" => Sum("traced_infected"),
                "data_records_central" => Sum("records_central"),
                "data_records_device" => Sum("records_device"),
                "records_uploaded_total" => Sum("records_uploaded"),
                "people_looked_up_central" => Sum("looked_up_central"),
                "people_looked_up_device" => Sum("looked_up_device"),
                "contact_yield" => Sum("traced") == 0 ? null : (double)Sum("traced_infected") / Sum("traced"),
                var name when name.StartsWith("samples_total_", StringComparison.Ordinal) => Sum("samples_" + name["samples_total_".Length..]),
                var name when name.StartsWith("tubes_total_", StringComparison.Ordinal) => Sum(TubesPrefix + name["tubes_total_".Length..]),
                _ => throw new InvalidOperationException($"part total {column.Name} has no definition"),
            };
            totals.Add(new PartTotal(column.Name, value));
        }
        return totals;
    }

    /// <summary>The test kinds, from the daily <c>tubes_KIND</c> columns, in the lab's kind order.</summary>
    private static List<string> Kinds(IReadOnlyList<string> dailyPartColumns) =>
        [.. dailyPartColumns.Where(n => n.StartsWith(TubesPrefix, StringComparison.Ordinal)).Select(n => n[TubesPrefix.Length..])];
}
