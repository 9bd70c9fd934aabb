using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Hcsim.Engine.Scenarios.Schema;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Checks bound settings against the ranges <see cref="ScenarioSchema"/> declares, the relations between settings, and
/// cross-references (colours, parameters, test kinds).
/// It knows nothing of YAML: each problem is a setting path and a message, and the loader places it in the file.
/// Every problem is collected; nothing stops at the first. Rule conditions (<c>when</c>) are compiled and checked
/// by the rules engine, not here.
/// </summary>
internal sealed class ScenarioValidator
{
    public const int MaxPopulationSize = 200_000_000;
    public const int MaxDays = 3650;
    public const int MaxAge = 120;
    /// <summary>Far above any study's needs; stops a typo (an extra zero or two) from queueing years of work.</summary>
    public const int MaxReplicates = 100_000;

    /// <summary>The rule triggers the rules engine dispatches.</summary>
    public static readonly ImmutableArray<string> Triggers = [.. Rules.RuleTriggers.Names];
    public static readonly ImmutableArray<string> IsolationKinds = [.. Agents.ConfinementKinds.Names[1..]];
    public static readonly ImmutableArray<string> TraceLayers = [.. Contacts.ContactLayers.Names];
    public static readonly ImmutableArray<string> Distributions = ["gamma", "fixed"];

    /// <summary>Scenario and variant names become folder names and table values, so they stay portable.</summary>
    public static readonly Regex NamePattern = new("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant);
    /// <summary>Colours and parameters appear in rule expressions and column names, so they are identifiers.</summary>
    public static readonly Regex IdentifierPattern = new("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant);

    private readonly List<SettingProblem> _problems = [];
    private readonly HashSet<string> _live = new(StringComparer.Ordinal);
    private People.DeclaredAttributes _attributes = People.DeclaredAttributes.None;
    private bool _hasScore;

    public IReadOnlyList<SettingProblem> Problems => _problems;

    /// <summary>
    /// The rules that can fire and the test kinds some rule orders in the validated model, by key
    /// (<see cref="RuleKey"/>, <see cref="TestKey"/>). A problem with an <see cref="SettingProblem.Idle"/> key stands
    /// only if no variant of the scenario has that key live: a rule switched on by a parameter that only a variant or a
    /// sweep sets is not an error.
    /// </summary>
    public IReadOnlySet<string> Live => _live;

    public static string RuleKey(string rule) => $"rule '{rule}'";

    public static string TestKey(string testKind) => $"test kind '{testKind}'";

    public void ValidateName(string path, string name, string what)
    {
        if (!NamePattern.IsMatch(name))
        {
            Add(path, $"{what} must start with a letter or digit and contain only letters, digits, '.', '_' and '-', got '{name}'");
        }
    }

    public void ValidateReplicates(string path, int replicates)
    {
        Check(ScenarioSchema.File.Child("replicates")!, replicates, path);
    }

    /// <summary>Checks the bound <c>uncertainty</c> list against its schema (names, allowed distributions, ranges).</summary>
    public void ValidateUncertainty(string path, ImmutableArray<UncertainInputConfig> inputs)
    {
        Check(ScenarioSchema.File.Child("uncertainty")!, inputs, path);
    }

    public void ValidateModel(ModelConfig model)
    {
        // Every range, allowed value and list length the schema declares, section by section. The policy section's
        // are checked in ValidatePolicy, interleaved with its cross-references (colours, parameters, test kinds); the
        // schema declares them too (for hcsim schema and the README), and tests check that both refuse the same values.
        foreach (var section in ScenarioSchema.Model.Children)
        {
            if (section.Key != "policy")
            {
                Check(section, section.Property!.GetValue(model), section.Key);
            }
        }
        ValidatePopulation(model.Population);
        ValidateDisease(model.Disease, model.Population.Size);
        _attributes = People.DeclaredAttributes.Of(model.Attributes);
        _hasScore = model.Score.Length > 0;
        ValidatePolicy(model.Policy, model.Tests);
        _problems.AddRange(People.AttributeValidator.Problems(model));
        ValidateTestsOrdered(model);
        ValidateTests(model.Tests);
        ValidateMassTesting(model);
        ValidateVenueEntry(model);
        ValidateDistricts(model);
        ValidateBorderRules(model);
        ValidateDataRegime(model);
        if (_problems.Count == 0)
        {
            ValidateColourPartColumns(model);
        }
    }

    /// <summary>
    /// The daily columns of the parts a model switches on (beds, lab, tracers, importations, ...) follow the core
    /// columns; a colour named like one of them would give two columns one name.
    /// </summary>
    private void ValidateColourPartColumns(ModelConfig model)
    {
        var partColumns = Simulation.SimulationRun.PartColumns(model).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var colours = model.Policy.Colours;
        for (var i = 0; i < colours.Length; i++)
        {
            foreach (var name in new[] { colours[i], $"new_{colours[i]}" })
            {
                if (partColumns.Contains(name))
                {
                    Add($"policy.colours[{i}]",
                        $"colour '{colours[i]}' would name the daily column '{name}', which is already the name of another output column; choose another colour name");
                    break;
                }
            }
        }
    }

    /// <summary>
    /// A test kind that no rule, mass testing round or border (travel.borders) orders has no effect: its settings are read by nobody. Reported like a rule that can
    /// never fire (only when no variant orders it), and only for test kinds written in the file, not the default one.
    /// </summary>
    private void ValidateTestsOrdered(ModelConfig model)
    {
        var ordered = model.Policy.Rules.SelectMany(r => r.Do).SelectMany(a => new[] { a.Test, a.TestHousehold, a.TestDistrict }).OfType<string>()
            .Concat(model.MassTesting.Select(round => round.Kind))
            .Concat(model.Travel?.Borders.Where(b => b.Require is "green_pcr" or "test_on_arrival").Select(b => b.Test) ?? [])
            .ToHashSet(StringComparer.Ordinal);
        foreach (var name in model.Tests.Keys.Order(StringComparer.Ordinal))
        {
            var key = TestKey(name);
            if (ordered.Contains(name))
            {
                _live.Add(key);
            }
            else
            {
                _problems.Add(new SettingProblem($"tests.{name}",
                    $"test kind '{name}' is never used: no rule or mass_testing round orders it; add an action 'test: {name}' to a rule, or remove tests.{name}",
                    Idle: key));
            }
        }
    }

    private void ValidateMassTesting(ModelConfig model)
    {
        for (var r = 0; r < model.MassTesting.Length; r++)
        {
            var round = model.MassTesting[r];
            var path = $"mass_testing[{r}]";
            if (!model.Tests.ContainsKey(round.Kind))
            {
                Add($"{path}.kind", UnknownName("test kind", round.Kind, [.. model.Tests.Keys.Order(StringComparer.Ordinal)], "tests"));
            }
            for (var c = 0; c < round.Colours.Length; c++)
            {
                Colour($"{path}.colours[{c}]", round.Colours[c], model.Policy.Colours);
            }
            AgeRange(path, round.MinAge, round.MaxAge);
        }
    }

    private void ValidateTests(ImmutableDictionary<string, TestKindConfig> tests)
    {
        foreach (var (name, kind) in tests)
        {
            if (name == "waiting")
            {
                Add($"tests.{name}", $"a test kind may not be named '{name}': its daily column samples_{name} is another column of the lab");
            }
            if (kind.SensitivityCurve != "flat" && !kind.SensitivityByDay.IsDefaultOrEmpty)
            {
                Add($"tests.{name}.sensitivity_by_day",
                    $"give either sensitivity_curve ('{kind.SensitivityCurve}') or sensitivity_by_day, not both");
            }
        }
    }

    /// <summary>
    /// The colours a venue kind admits must be declared colours; a trace_venues action needs venues, names declared
    /// kinds, and its window, days and delay must be numbers or declared parameters.
    /// </summary>
    private void ValidateVenueEntry(ModelConfig model)
    {
        var kindNames = model.Venues.Kinds.Keys.Order(StringComparer.Ordinal).ToImmutableArray();
        var policy = model.Policy;
        for (var r = 0; r < policy.Rules.Length; r++)
        {
            for (var a = 0; a < policy.Rules[r].Do.Length; a++)
            {
                if (policy.Rules[r].Do[a].TraceVenues is not { } trace)
                {
                    continue;
                }
                var path = $"policy.rules[{r}].do[{a}].trace_venues";
                if (kindNames.IsEmpty)
                {
                    Add(path, "co-location flagging needs venues: declare venue kinds under venues.kinds");
                }
                for (var k = 0; k < trace.Kinds.Length; k++)
                {
                    if (!kindNames.IsEmpty)
                    {
                        OneOf($"{path}.kinds[{k}]", trace.Kinds[k], kindNames, "venue kind");
                    }
                }
                Number($"{path}.window_slots", trace.WindowSlots, policy, 0);
                Number($"{path}.days", trace.Days, policy, 1);
                Number($"{path}.delay_days", trace.DelayDays, policy, 1);
            }
        }
        foreach (var (name, kind) in model.Venues.Kinds)
        {
            for (var c = 0; c < kind.Admit.Length; c++)
            {
                OneOf($"venues.kinds.{name}.admit[{c}]", kind.Admit[c], model.Policy.Colours, "colour");
            }
        }
    }

    /// <summary>
    /// Group actions name declared test kinds and whole days; district actions need districts, and a district's
    /// isolation needs its days.
    /// </summary>
    private void ValidateGroupActions(ModelConfig model)
    {
        var policy = model.Policy;
        for (var r = 0; r < policy.Rules.Length; r++)
        {
            for (var a = 0; a < policy.Rules[r].Do.Length; a++)
            {
                var action = policy.Rules[r].Do[a];
                var path = $"policy.rules[{r}].do[{a}]";
                foreach (var (key, kind) in new[] { ("test_household", action.TestHousehold), ("test_district", action.TestDistrict) })
                {
                    if (kind is not null && !model.Tests.ContainsKey(kind))
                    {
                        Add($"{path}.{key}", UnknownName("test kind", kind, [.. model.Tests.Keys.Order(StringComparer.Ordinal)], "tests"));
                    }
                }
                foreach (var (key, isolation) in new[] { ("isolate_household", action.IsolateHousehold), ("isolate_district", action.IsolateDistrict) })
                {
                    if (isolation is not null)
                    {
                        OneOf($"{path}.{key}.where", isolation.Where, IsolationKinds, "isolation");
                    }
                    if (isolation?.Days is { } days)
                    {
                        Number($"{path}.{key}.days", days, policy, 1);
                    }
                }
                if (action.IsolateDistrict is { Days: null })
                {
                    Add($"{path}.isolate_district", "a district's isolation needs its length: add days: N (a number or a parameter's name)");
                }
                var districtAction = action.TestDistrict is not null ? "test_district" : action.IsolateDistrict is not null ? "isolate_district" : null;
                if (districtAction is not null && model.Districts is null)
                {
                    Add($"{path}.{districtAction}", $"{districtAction} needs districts: add a districts section");
                }
            }
        }
    }

    /// <summary>
    /// District levels rise with their min_cases from 0 and have distinct names; there are at most as many districts as
    /// people; rules that read district facts need the section.
    /// </summary>
    private void ValidateDistricts(ModelConfig model)
    {
        ValidateGroupActions(model);
        if (model.Districts is { } districts)
        {
            var levels = districts.Levels;
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var l = 0; l < levels.Length; l++)
            {
                var path = $"districts.levels[{l}]";
                if (!names.Add(levels[l].Name))
                {
                    Add($"{path}.name", $"level '{levels[l].Name}' is declared twice");
                }
                if (l == 0 && levels[l].MinCases != 0)
                {
                    Add($"{path}.min_cases", $"the first (lowest) level is where every district starts: its min_cases must be 0, got {levels[l].MinCases}");
                }
                else if (l > 0 && levels[l].MinCases <= levels[l - 1].MinCases)
                {
                    Add($"{path}.min_cases", $"levels go from lowest to highest: min_cases must be above the previous level's ({levels[l - 1].MinCases}), got {levels[l].MinCases}");
                }
            }
            if (districts.PeoplePerDistrict == 0 && districts.Count > model.Population.Size)
            {
                Add("districts.count", $"must be at most population.size ({model.Population.Size}), got {districts.Count}");
            }
            return;
        }
        var policy = model.Policy;
        var districtFacts = Rules.RuleRegistry.Core().FactBits(Districts.DistrictRules.Facts);
        for (var r = 0; r < policy.Rules.Length; r++)
        {
            // Compiling costs; a condition without the word cannot read a district fact.
            if (policy.Rules[r].When is not { } condition || !condition.Contains("district", StringComparison.Ordinal))
            {
                continue;
            }
            ulong read;
            try
            {
                Rules.RuleCompiler.Compile(policy.Rules[r].When, policy.Params, out read);
            }
            catch (Rules.RuleExpressionException)
            {
                continue;
            }
            var used = Districts.DistrictRules.Facts.Where(f => (read & districtFacts & Rules.RuleRegistry.Core().FactBits(f)) != 0).ToList();
            if (used.Count > 0)
            {
                Add($"policy.rules[{r}].when", $"rule '{policy.Rules[r].Name}' reads {string.Join(", ", used)}, which need districts: add a districts section");
            }
        }
    }

    /// <summary>
    /// The travel part's rules: departure and arrival triggers need travel; refuse_travel is a departure action;
    /// departure rules act on the resident (no tracing or group actions), arrival rules only isolate (arrival
    /// quarantine) or test, and read only what travels with the visitor; other rules do not read the travel facts.
    /// </summary>
    private void ValidateBorderRules(ModelConfig model)
    {
        var policy = model.Policy;
        var registry = Rules.RuleRegistry.Core();
        var travelFacts = registry.FactBits(Regions.TravelRules.Facts);
        var arrivalFacts = registry.FactBits(Regions.TravelRules.ArrivalFacts);
        for (var r = 0; r < policy.Rules.Length; r++)
        {
            var rule = policy.Rules[r];
            var path = $"policy.rules[{r}]";
            var border = rule.On is "departure" or "arrival";
            if (border && model.Travel is null)
            {
                Add($"{path}.on", $"rule '{rule.Name}': the {rule.On} trigger needs travel: add a travel section (with regions)");
            }
            for (var a = 0; a < rule.Do.Length; a++)
            {
                var action = rule.Do[a];
                var actionPath = $"{path}.do[{a}]";
                if (action.RefuseTravel is { } refuse)
                {
                    if (!refuse)
                    {
                        Add($"{actionPath}.refuse_travel", "write refuse_travel: true (false refuses nothing; leave the action out instead)");
                    }
                    if (rule.On != "departure")
                    {
                        Add($"{actionPath}.refuse_travel", $"rule '{rule.Name}': refuse_travel is a departure action (a trip is refused before boarding), but the rule's trigger is '{rule.On}'");
                    }
                }
                var groupOrTrace = action.Trace is not null || action.TraceVenues is not null || action.IsolateHousehold is not null
                    || action.TestHousehold is not null || action.TestDistrict is not null || action.IsolateDistrict is not null;
                if (rule.On == "departure" && groupOrTrace)
                {
                    Add(actionPath, $"rule '{rule.Name}': a departure rule may set_colour, isolate, release, test or refuse_travel, not trace or act on a group");
                }
                if (rule.On == "arrival" && action.Isolate is null && action.Test is null)
                {
                    Add(actionPath, $"rule '{rule.Name}': an arrival rule may only isolate (arrival quarantine, no contacts at the destination) or test (a test on arrival): the visitor is not a resident of the destination");
                }
            }
            if (rule.When is not { } condition || !(border || condition.Contains("origin", StringComparison.Ordinal) || condition.Contains("destination", StringComparison.Ordinal)))
            {
                continue;
            }
            ulong read;
            try
            {
                Rules.RuleCompiler.Compile(condition, policy.Params, _attributes, out read);
            }
            catch (Rules.RuleExpressionException)
            {
                continue;
            }
            if (!border && (read & travelFacts) != 0)
            {
                var used = Regions.TravelRules.Facts.Where(f => (read & registry.FactBits(f)) != 0);
                Add($"{path}.when", $"rule '{rule.Name}' reads {string.Join(", ", used)}, which only departure and arrival rules have");
            }
            if (rule.On == "arrival" && !_attributes.All.IsEmpty && !CompilesWithoutAttributes(condition, policy))
            {
                Add($"{path}.when", $"rule '{rule.Name}': an arrival rule cannot read person attributes: they stay in the visitor's home region");
            }
            if (rule.On == "arrival" && (read & ~arrivalFacts) != 0)
            {
                var other = registry.Facts.Where(f => (read & ~arrivalFacts & registry.FactBits(f.Name)) != 0).Select(f => f.Name);
                Add($"{path}.when", $"rule '{rule.Name}': an arrival rule reads only what travels with the visitor ({string.Join(", ", Regions.TravelRules.ArrivalFacts)}), not {string.Join(", ", other)}");
            }
        }
    }

    /// <summary>
    /// The data regime's rules: under <c>data.contacts: device</c> nobody is traced centrally, so a rule that is on may not
    /// name the <c>traced</c> trigger (it names <c>notified</c>), and <c>notified</c> needs contacts on devices. A notified
    /// rule reads what the phone knows (notified_days_ago, notification_heeded), not the authority's trace facts
    /// (traced_layer, traced_days_ago, trace_depth); other rules do not read the notification facts.
    /// </summary>
    private void ValidateDataRegime(ModelConfig model)
    {
        var policy = model.Policy;
        var onDevices = model.Data?.Contacts == Regimes.DataHolders.Device;
        var registry = Rules.RuleRegistry.Core();
        var notifiedFacts = registry.FactBits(Regimes.RegimeRules.Facts);
        string[] traceFactNames = ["traced_layer", "traced_days_ago", "trace_depth"];
        var traceFacts = registry.FactBits(traceFactNames);
        for (var r = 0; r < policy.Rules.Length; r++)
        {
            var rule = policy.Rules[r];
            if (!rule.IsOn(policy.Params))
            {
                continue;
            }
            var path = $"policy.rules[{r}]";
            if (rule.On == "traced" && onDevices)
            {
                Add($"{path}.on", $"rule '{rule.Name}': contacts are held on devices (data.contacts: device), so the authority traces nobody and no traced event arrives: use on: notified (exposure notification), or switch the rule off in this variant (enabled: PARAM)");
            }
            if (rule.On == "notified" && !onDevices)
            {
                Add($"{path}.on", $"rule '{rule.Name}': the notified trigger needs contacts held on devices: add data: {{contacts: device}} (with central contacts, use on: traced)");
            }
            if (rule.When is not { } condition || !(condition.Contains("notif", StringComparison.Ordinal) || condition.Contains("trace", StringComparison.Ordinal)))
            {
                continue;
            }
            ulong read;
            try
            {
                Rules.RuleCompiler.Compile(condition, policy.Params, _attributes, out read);
            }
            catch (Rules.RuleExpressionException)
            {
                continue;
            }
            // A venue match on a phone (data.scans: device) is a notification too: it may be heeded or not.
            var allowed = rule.On == "notified" ? notifiedFacts
                : rule.On == "venue_exposure" && model.Data?.Scans == Regimes.DataHolders.Device ? registry.FactBits("notification_heeded") : 0UL;
            if ((read & notifiedFacts & ~allowed) != 0)
            {
                var used = Regimes.RegimeRules.Facts.Where(f => (read & ~allowed & registry.FactBits(f)) != 0);
                Add($"{path}.when", $"rule '{rule.Name}' reads {string.Join(", ", used)}, which only notified rules have (and notification_heeded venue_exposure rules under data.scans: device)");
            }
            if (rule.On == "notified" && (read & traceFacts) != 0)
            {
                var used = traceFactNames.Where(f => (read & registry.FactBits(f)) != 0);
                Add($"{path}.when", $"rule '{rule.Name}' reads {string.Join(", ", used)}: the authority's trace data, which a notification does not carry (the phone knows only notified_days_ago)");
            }
        }
    }

    private static bool CompilesWithoutAttributes(string condition, PolicyConfig policy)
    {
        try
        {
            Rules.RuleCompiler.Compile(condition, policy.Params, out _);
            return true;
        }
        catch (Rules.RuleExpressionException)
        {
            return false;
        }
    }

    /// <summary>Checks a bound value and everything inside it against its setting in the schema.</summary>
    /// <summary>Checks one bound setting (a file-level section such as <c>calibration</c>) against the schema's ranges.</summary>
    public void ValidateSetting(Setting setting, object? value, string path) => Check(setting, value, path);

    private void Check(Setting setting, object? value, string path)
    {
        switch (setting.Kind)
        {
            case SettingKind.Integer or SettingKind.Number when value is not null:
                CheckNumber(setting, Convert.ToDouble(value, CultureInfo.InvariantCulture), path);
                break;
            case SettingKind.Text when value is string text:
                if (!setting.Allowed.IsEmpty)
                {
                    OneOf(path, text, setting.Allowed, setting.Key.Replace('_', ' '));
                }
                else if (setting.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant))
                {
                    Add(path, $"must match {pattern}, got '{text}'");
                }
                break;
            case SettingKind.List when value is System.Collections.IList items:
                if (items.Count < setting.MinItems)
                {
                    Add(path, $"must list at least {setting.MinItems} item(s), got {items.Count}");
                }
                if (setting.MaxItems is { } most && items.Count > most)
                {
                    Add(path, $"must list at most {most} item(s), got {items.Count}");
                }
                for (var i = 0; i < items.Count; i++)
                {
                    Check(setting.Element!, items[i], $"{path}[{i}]");
                }
                break;
            case SettingKind.Map when value is System.Collections.IDictionary entries:
                foreach (var name in entries.Keys.Cast<string>().Order(StringComparer.Ordinal))
                {
                    Check(setting.Element!, entries[name], $"{path}.{name}");
                }
                break;
            case SettingKind.Group when value is not null:
                foreach (var child in setting.Children)
                {
                    Check(child, child.Property!.GetValue(value), $"{path}.{child.Key}");
                }
                break;
        }
    }

    private void CheckNumber(Setting setting, double value, string path)
    {
        var reason = setting.RangeReason.Length == 0 ? "" : $" ({setting.RangeReason})";
        if (setting.IsProbability)
        {
            if (value is < 0 or > 1)
            {
                Add(path, $"must be a probability between 0 and 1, got {Format(value)}{reason}");
            }
            return;
        }
        if (setting.Minimum is { } minimum && setting.MinimumExclusive && value <= minimum)
        {
            // A one-word unit reads well after the bound: "greater than 0 days".
            var unit = setting.Unit.Length > 0 && !setting.Unit.Contains(' ', StringComparison.Ordinal) ? $" {setting.Unit}" : "";
            Add(path, $"must be greater than {Format(minimum)}{unit}, got {Format(value)}{reason}");
        }
        else if (setting.Minimum is { } low && setting.Maximum is { } high && (value < low || value > high))
        {
            Add(path, $"must be between {Format(low)} and {Format(high)}, got {Format(value)}{reason}");
        }
        else if (setting.Minimum is { } least && setting.Maximum is null && value < least)
        {
            Add(path, $"must be at least {Format(least)}, got {Format(value)}{reason}");
        }
        else if (setting.Maximum is { } most && setting.Minimum is null && value > most)
        {
            Add(path, $"must be at most {Format(most)}, got {Format(value)}{reason}");
        }
        else if (setting.MultipleOf is { } step && Math.IEEERemainder(value, step) != 0)
        {
            Add(path, step == 2
                ? $"must be even, got {Format(value)}{reason}"
                : $"must be a multiple of {Format(step)}, got {Format(value)}{reason}");
        }
    }

    /// <summary>What the schema cannot say about the population: relations between settings.</summary>
    private void ValidatePopulation(PopulationConfig population)
    {
        Shares("population.household_size_shares", population.HouseholdSizeShares);
        for (var i = 0; i < population.AgeBands.Length; i++)
        {
            var band = population.AgeBands[i];
            AgeRange($"population.age_bands[{i}]", band.MinAge, band.MaxAge);
        }
        if (!population.AgeBands.IsEmpty && population.AgeBands.All(b => b.Share >= 0) && population.AgeBands.Sum(b => b.Share) <= 0)
        {
            Add("population.age_bands", "shares must sum to more than 0, got 0");
        }
        AgeRange("population.workplaces", population.Workplaces.MinAge, population.Workplaces.MaxAge);
        AgeRange("population.schools", population.Schools.MinAge, population.Schools.MaxAge);

        // Compared with the size only when both are valid on their own, so one mistake gives one error, not a cascade.
        var degree = population.Community.MeanDegree;
        var sizeValid = population.Size is >= 1 and <= MaxPopulationSize;
        if (sizeValid && population.Community.FromFile.Length == 0 && degree is >= 0 and <= 2 * Agents.CommunityGraph.MaxRingHalfDegree && degree >= population.Size)
        {
            Add("population.community.mean_degree",
                $"must be less than population.size ({Format(population.Size)}), got {Format(degree)}");
        }
    }

    /// <summary>What the schema cannot say about the disease: relations between settings.</summary>
    private void ValidateDisease(DiseaseConfig disease, int populationSize)
    {
        var sizeValid = populationSize is >= 1 and <= MaxPopulationSize;
        if (sizeValid && disease.InitialInfected > populationSize)
        {
            Add("disease.initial_infected",
                $"must be between 0 and population.size ({Format(populationSize)}), got {Format(disease.InitialInfected)}");
        }
        Duration("disease.latent_days", disease.LatentDays);
        Duration("disease.presymptomatic_days", disease.PresymptomaticDays);
        Duration("disease.symptomatic_days", disease.SymptomaticDays);
        Duration("disease.asymptomatic_days", disease.AsymptomaticDays);
    }

    private void Duration(string path, DurationConfig duration)
    {
        // A negative sd is out of the schema's range already; zero is valid only without spread.
        if (duration.Distribution == "gamma" && duration.SdDays == 0)
        {
            Add($"{path}.sd_days", "must be greater than 0 for a gamma distribution (use 'fixed' for no spread), got 0");
        }
    }

    private void ValidatePolicy(PolicyConfig policy, ImmutableDictionary<string, TestKindConfig> tests)
    {
        if (policy.Colours.IsEmpty)
        {
            Add("policy.colours", "must declare at least one colour");
        }
        if (policy.Colours.Length > Rules.CompiledPolicy.MaxColours)
        {
            Add("policy.colours", $"must list at most {Rules.CompiledPolicy.MaxColours} colours (a rule's colour filter is a 64-bit mask), got {policy.Colours.Length}");
        }
        var seenColours = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < policy.Colours.Length; i++)
        {
            var colour = policy.Colours[i];
            if (!IdentifierPattern.IsMatch(colour))
            {
                Add($"policy.colours[{i}]", $"a colour name must match [a-z][a-z0-9_]*, got '{colour}'");
            }
            if (!seenColours.Add(colour))
            {
                Add($"policy.colours[{i}]", $"colour '{colour}' is declared twice");
            }
        }
        if (seenColours.Count == policy.Colours.Length && policy.Colours.All(IdentifierPattern.IsMatch))
        {
            ValidateColourColumns(policy.Colours);
        }
        foreach (var name in policy.Params.Keys.Order(StringComparer.Ordinal))
        {
            if (!IdentifierPattern.IsMatch(name))
            {
                Add($"policy.params.{name}", $"a parameter name must match [a-z][a-z0-9_]*, got '{name}'");
            }
        }
        AtLeast("policy.max_trace_depth", policy.MaxTraceDepth, 1);
        if (policy.MaxTraceDepth > Tracing.TracedEvent.MaxDepth)
        {
            Add("policy.max_trace_depth", $"must be at most {Tracing.TracedEvent.MaxDepth} (the deepest tracing generation the engine delivers), got {policy.MaxTraceDepth}");
        }

        var ruleNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < policy.Rules.Length; i++)
        {
            ValidateRule($"policy.rules[{i}]", policy.Rules[i], policy, tests, ruleNames);
        }
        ValidateReachability(policy);
        foreach (var rule in policy.Rules)
        {
            var key = RuleKey(rule.Name);
            if (!_problems.Any(p => p.Idle == key))
            {
                _live.Add(key);
            }
        }
    }

    /// <summary>
    /// Each colour names daily columns (its count, and <c>new_NAME</c> for all but the first); a name another column
    /// already has (<c>infections</c> gives <c>new_infections</c>) would make <c>daily.parquet</c> ambiguous. The names
    /// are found by building the real column list, so a column the metrics gain later is covered without a list here:
    /// a colour's columns are those whose names change when that colour is renamed.
    /// </summary>
    private void ValidateColourColumns(ImmutableArray<string> colours)
    {
        var names = ColumnNames(colours);
        for (var i = 0; i < colours.Length; i++)
        {
            var renamed = ColumnNames(colours.SetItem(i, $"\u0001{i}"));
            for (var k = 0; k < names.Length; k++)
            {
                var name = names[k];
                if (name == renamed[k])
                {
                    continue;
                }
                var clash = Metrics.DailyRowKeys.Names.Contains(name) || names.Count(n => n == name) > 1;
                if (clash)
                {
                    Add($"policy.colours[{i}]",
                        $"colour '{colours[i]}' would name the daily column '{name}', which is already the name of another output column; choose another colour name");
                    break;
                }
            }
        }
    }

    private static ImmutableArray<string> ColumnNames(ImmutableArray<string> colours) =>
        [.. new Metrics.DailyMetrics(0, colours).Columns().Select(c => c.Name)];

    /// <summary>
    /// Rules that can never fire are errors, because they are almost always a mistake that would silently make a
    /// policy weaker than its author thinks: a <c>test_result</c> rule when no rule orders a test, a <c>traced</c> rule
    /// when no rule traces, a <c>colours</c> filter naming only colours nobody can hold, a condition that is false
    /// whatever the facts. Behaviour settings (a check-in probability of 0, <c>policy.enabled: false</c>) are not counted:
    /// variants set them on purpose, and the rules themselves are not wrong then.
    /// </summary>
    private void ValidateReachability(PolicyConfig policy)
    {
        // Only rules that are switched on order tests, trace or set colours in this variant.
        var actions = policy.Rules.Where(r => r.IsOn(policy.Params)).SelectMany(r => r.Do).ToList();
        var orderTests = actions.Any(a => a.Test is not null || a.TestHousehold is not null || a.TestDistrict is not null);
        var trace = actions.Any(a => a.Trace is not null);
        // Everyone starts in the first colour; set_colour raises to its colour; release lowers to its colour (or the first).
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        if (!policy.Colours.IsEmpty)
        {
            reachable.Add(policy.Colours[0]);
        }
        foreach (var action in actions)
        {
            if (action.SetColour is { } set)
            {
                reachable.Add(set);
            }
            if (action.Release is { Length: > 0 } release)
            {
                reachable.Add(release);
            }
        }
        for (var i = 0; i < policy.Rules.Length; i++)
        {
            var path = $"policy.rules[{i}]";
            var rule = policy.Rules[i];
            if (rule.On == "test_result" && !orderTests)
            {
                Idle($"{path}.on", rule, $"rule '{rule.Name}' can never fire: no rule orders a test (an action 'test: <kind>'), so no result ever arrives");
            }
            if (rule.On == "traced" && !trace)
            {
                Idle($"{path}.on", rule, $"rule '{rule.Name}' can never fire: no rule traces contacts (an action 'trace: {{layers: [...]}}'), so nobody is ever traced");
            }
            if (rule.On == "notified" && !trace)
            {
                Idle($"{path}.on", rule, $"rule '{rule.Name}' can never fire: no rule has a 'trace' action (under data.contacts: device, the case's key upload), so nobody is ever notified");
            }
            var known = rule.Colours.Where(policy.Colours.Contains).ToList();
            if (known.Count == rule.Colours.Length && known.Count > 0 && !known.Any(reachable.Contains))
            {
                Idle($"{path}.colours", rule, $"rule '{rule.Name}' can never fire: nobody can hold {string.Join(" or ", known.Select(c => $"'{c}'"))}, "
                    + $"because only the first colour ('{policy.Colours[0]}') and the colours of set_colour and release actions ({string.Join(", ", reachable.Order(StringComparer.Ordinal))}) are ever held");
            }
        }
    }

    private void ValidateRule(
        string path, RuleConfig rule, PolicyConfig policy, ImmutableDictionary<string, TestKindConfig> tests, HashSet<string> ruleNames)
    {
        if (rule.Name.Length == 0)
        {
            Add($"{path}.name", "every rule needs a name");
        }
        else if (!ruleNames.Add(rule.Name))
        {
            Add($"{path}.name", $"rule name '{rule.Name}' is used twice");
        }
        if (rule.On.Length == 0)
        {
            Add($"{path}.on", $"every rule needs a trigger, one of: {string.Join(", ", Triggers)}");
        }
        else
        {
            OneOf($"{path}.on", rule.On, Triggers, "trigger");
        }
        for (var i = 0; i < rule.Colours.Length; i++)
        {
            Colour($"{path}.colours[{i}]", rule.Colours[i], policy.Colours);
        }
        if (rule.Do.IsEmpty)
        {
            Add($"{path}.do", "must list at least one action");
        }
        for (var i = 0; i < rule.Do.Length; i++)
        {
            ValidateAction($"{path}.do[{i}]", rule.Do[i], policy, tests);
        }
        ValidateCondition($"{path}.when", rule, policy);
        ValidateSwitch($"{path}.enabled", rule, policy);
    }

    /// <summary>
    /// <c>enabled: PARAM</c> names a declared parameter whose value is 0 or 1. A rule switched off here is idle: an error
    /// only if it is off in every variant, since then it is never used.
    /// </summary>
    private void ValidateSwitch(string path, RuleConfig rule, PolicyConfig policy)
    {
        if (rule.Enabled.Length == 0)
        {
            return;
        }
        if (!policy.Params.TryGetValue(rule.Enabled, out var value))
        {
            var suggestion = SettingNames.Suggest(rule.Enabled, [.. policy.Params.Keys]);
            Add(path, $"rule '{rule.Name}': its switch '{rule.Enabled}' is not a declared parameter"
                + (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + " (declare it under policy.params with 0 or 1)");
        }
        else if (value is not (0 or 1))
        {
            Add(path, $"rule '{rule.Name}': its switch '{rule.Enabled}' must be 0 (off) or 1 (on), got {Format(value)}");
        }
        else if (value == 0)
        {
            Idle(path, rule, $"rule '{rule.Name}' can never fire: its switch '{rule.Enabled}' is 0 (off) in every variant");
        }
    }

    private void ValidateAction(string path, ActionConfig action, PolicyConfig policy, ImmutableDictionary<string, TestKindConfig> tests)
    {
        var kinds = new List<string>(1);
        if (action.SetColour is not null) kinds.Add("set_colour");
        if (action.Isolate is not null) kinds.Add("isolate");
        if (action.Release is not null) kinds.Add("release");
        if (action.Test is not null) kinds.Add("test");
        if (action.Trace is not null) kinds.Add("trace");
        if (action.TraceVenues is not null) kinds.Add("trace_venues");
        if (action.IsolateHousehold is not null) kinds.Add("isolate_household");
        if (action.TestHousehold is not null) kinds.Add("test_household");
        if (action.TestDistrict is not null) kinds.Add("test_district");
        if (action.IsolateDistrict is not null) kinds.Add("isolate_district");
        if (action.RefuseTravel is not null) kinds.Add("refuse_travel");
        if (kinds.Count != 1)
        {
            var found = kinds.Count == 0 ? "none" : string.Join(", ", kinds);
            Add(path, $"an action needs exactly one of set_colour, isolate, release, test, trace, trace_venues, isolate_household, test_household, test_district, isolate_district, refuse_travel; got {found}");
        }
        if (action.Days is not null && action.Isolate is null)
        {
            Add($"{path}.days", "'days' belongs only to an 'isolate' action");
        }

        if (action.SetColour is not null)
        {
            Colour($"{path}.set_colour", action.SetColour, policy.Colours);
        }
        if (action.Release is { Length: > 0 } releaseColour)
        {
            Colour($"{path}.release", releaseColour, policy.Colours);
        }
        if (action.Isolate is not null)
        {
            OneOf($"{path}.isolate", action.Isolate, IsolationKinds, "isolation");
        }
        if (action.Days is { } days)
        {
            // Zero days of isolation would confine nobody; leaving 'days' out means "until released".
            Number($"{path}.days", days, policy, 1);
        }
        if (action.Test is not null && !tests.ContainsKey(action.Test))
        {
            Add($"{path}.test", UnknownName("test kind", action.Test, [.. tests.Keys.Order(StringComparer.Ordinal)], "tests"));
        }
        if (action.Trace is { } trace)
        {
            if (trace.Layers.IsEmpty)
            {
                Add($"{path}.trace.layers", $"must list at least one layer of: {string.Join(", ", TraceLayers)}");
            }
            for (var i = 0; i < trace.Layers.Length; i++)
            {
                OneOf($"{path}.trace.layers[{i}]", trace.Layers[i], TraceLayers, "layer");
            }
            Number($"{path}.trace.days", trace.Days, policy, 1);
            Number($"{path}.trace.delay_days", trace.DelayDays, policy, 0);
        }
    }

    private void Number(string path, NumberOrParameter number, PolicyConfig policy, double minimum)
    {
        var parameters = new PolicyParameters(policy.Params);
        if (!parameters.TryResolve(number, out var value))
        {
            Add(path, parameters.Unknown(number.Parameter!));
        }
        else if (value < minimum)
        {
            var got = number.Parameter is { } name ? $"parameter '{name}' = {Format(value)} (set in policy.params.{name})" : Format(value);
            Add(path, $"must be at least {Format(minimum)}, got {got}");
        }
    }

    private void Colour(string path, string colour, ImmutableArray<string> colours)
    {
        if (!colours.Contains(colour))
        {
            Add(path, UnknownName("colour", colour, colours, "policy.colours"));
        }
    }

    private static string UnknownName(string what, string name, IReadOnlyList<string> declared, string where)
    {
        var suggestion = SettingNames.Suggest(name, declared);
        var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
        var list = declared.Count == 0 ? "none" : string.Join(", ", declared);
        return $"unknown {what} '{name}'{hint} (declared in {where}: {list})";
    }

    private void OneOf(string path, string value, ImmutableArray<string> allowed, string what)
    {
        if (!allowed.Contains(value))
        {
            var suggestion = SettingNames.Suggest(value, allowed);
            var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
            Add(path, $"unknown {what} '{value}'{hint} (must be one of: {string.Join(", ", allowed)})");
        }
    }

    private void Shares(string path, ImmutableArray<double> shares)
    {
        if (!shares.IsEmpty && shares.All(s => s >= 0) && shares.Sum() <= 0)
        {
            Add(path, "shares must sum to more than 0, got 0");
        }
    }

    private void AgeRange(string path, int minAge, int maxAge)
    {
        // Each age on its own is the schema's; only their order is checked here, once both are valid.
        if (minAge <= maxAge || minAge < 0 || maxAge > MaxAge)
        {
            return;
        }
        Add($"{path}.max_age", $"must be at least min_age ({Format(minAge)}), got {Format(maxAge)}");
    }

    private void AtLeast(string path, double value, double minimum)
    {
        if (value < minimum)
        {
            Add(path, $"must be at least {Format(minimum)}, got {Format(value)}");
        }
    }

    /// <summary>Compiles the condition once here so that a bad expression stops the scenario before anything runs.</summary>
    private void ValidateCondition(string path, RuleConfig rule, PolicyConfig policy)
    {
        var clash = policy.Params.Keys.FirstOrDefault(k => Rules.RuleFacts.All.Any(f => f.Name == k));
        if (clash is not null)
        {
            Add($"policy.params.{clash}", $"'{clash}' is the name of a fact rules can read; choose another parameter name");
            return;
        }
        try
        {
            Rules.RuleCompiler.Compile(rule.When, policy.Params, _attributes, out var read);
            if (!_hasScore && (read & Rules.RuleRegistry.Core().FactBits("score")) != 0)
            {
                Add(path, $"rule '{rule.Name}': its condition reads 'score', but the scenario declares no `score` expression");
            }
            else if (Rules.RuleCompiler.FindZeroDivisor(rule.When, policy.Params, _attributes) is { } divisor)
            {
                Add(path, $"rule '{rule.Name}': its condition divides by zero: the divisor {divisor} is 0 with these parameters ('{rule.When}')");
            }
            else if (Rules.RuleCompiler.IsConstantFalse(rule.When, policy.Params, _attributes))
            {
                Idle(path, rule, $"rule '{rule.Name}' can never fire: its condition is false whatever the facts, with these parameters ('{rule.When}')");
            }
        }
        catch (Rules.RuleExpressionException e)
        {
            _problems.Add(new SettingProblem(path, $"rule '{rule.Name}': {e.Message} (at character {e.Position + 1} of the condition)", e.Position));
        }
    }

    private void Add(string path, string message) => _problems.Add(new SettingProblem(path, message));

    private void Idle(string path, RuleConfig rule, string message) => _problems.Add(new SettingProblem(path, message, Idle: RuleKey(rule.Name)));

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
