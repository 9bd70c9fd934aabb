using System.Collections.Immutable;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Turns scenario YAML into a validated <see cref="Scenario"/>: parses, applies <c>--set</c> overrides and each
/// variant's overrides by path, binds to the config records and validates. Every problem found is reported together
/// in one <see cref="Errors.ScenarioValidationException"/> naming file, line, column and setting path.
/// </summary>
/// <remarks>
/// Order: command-line overrides change the parsed file (file-level keys included) before anything else; the base
/// model is then bound and validated; each variant is the base model tree with its <c>set:</c> paths replaced, bound
/// and validated on its own. A problem shared by the base and a variant is reported once.
/// </remarks>
public static class ScenarioLoader
{
    /// <summary>The "file" named by errors in command-line overrides, which have no line.</summary>
    public const string CommandLineSource = "command line --set";

    /// <summary>Keys of the scenario file itself; every other top-level key is a model setting a variant may change.</summary>
    private static readonly ImmutableArray<string> FileKeys = ScenarioSchema.File.Keys;

    private static readonly ImmutableArray<string> VariantKeys = ScenarioSchema.File.Child("variants")!.Element!.Keys;

    /// <summary>Loads scenario text. <paramref name="sourceName"/> names the file in error messages.</summary>
    /// <param name="overrides">Command-line overrides <c>PATH=VALUE</c>, applied to the base before variants.</param>
    public static Scenario Load(string text, string sourceName, IReadOnlyList<string> overrides)
    {
        var locations = new NodeLocations(sourceName);
        var errors = new List<ScenarioError>();
        var root = ParseDocument(text, sourceName);
        // Every declared parameter that --set, a variant or a sweep changes: checked at the end against what rules read.
        var changes = new List<ParameterChange>();
        foreach (var setting in overrides)
        {
            root = ApplyCommandLineOverride(root, setting, locations, errors, changes);
        }

        var fileBinder = new ConfigBinder(locations, errors);
        fileBinder.Note("", root);
        var fileEntries = new Dictionary<string, (YamlNode Key, YamlNode Value)>(StringComparer.Ordinal);
        var modelNode = new YamlMappingNode();
        locations.Assign(modelNode, locations.Of(root));
        ImmutableArray<string> rootKeys = [.. FileKeys, .. SettingNames.KeysOf(typeof(ModelConfig))];
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (FileKeys.Contains(key))
            {
                fileEntries[key] = (keyNode, valueNode);
            }
            else if (SettingNames.FindProperty(typeof(ModelConfig), key) is not null)
            {
                modelNode.Add(keyNode, valueNode);
            }
            else
            {
                fileBinder.Error(keyNode, key, SettingNames.UnknownMessage("setting", key, rootKeys));
            }
        }

        var fileValidator = new ScenarioValidator();
        var name = "";
        if (fileEntries.TryGetValue("name", out var nameEntry))
        {
            name = BindOr(fileBinder, nameEntry.Value, "name", "");
            fileValidator.ValidateName("name", name, "a scenario name");
        }
        else
        {
            fileBinder.Error(root, "name", "is required: a scenario needs a name, which names its output folder");
        }
        var description = fileEntries.TryGetValue("description", out var descriptionEntry)
            ? BindOr(fileBinder, descriptionEntry.Value, "description", "")
            : "";
        var seed = fileEntries.TryGetValue("seed", out var seedEntry)
            ? BindOr(fileBinder, seedEntry.Value, "seed", ScenarioDefaults.Seed)
            : ScenarioDefaults.Seed;
        var replicates = ScenarioDefaults.Replicates;
        if (fileEntries.TryGetValue("replicates", out var replicatesEntry))
        {
            replicates = BindOr(fileBinder, replicatesEntry.Value, "replicates", ScenarioDefaults.Replicates);
            fileValidator.ValidateReplicates("replicates", replicates);
        }
        var baseline = ScenarioDefaults.BaselineVariantName;
        if (fileEntries.TryGetValue("baseline", out var baselineEntry))
        {
            baseline = BindOr(fileBinder, baselineEntry.Value, "baseline", ScenarioDefaults.BaselineVariantName);
            fileValidator.ValidateName("baseline", baseline, "a variant name");
        }
        var variantEntries = fileEntries.TryGetValue("variants", out var variantsEntry)
            ? ReadVariants(variantsEntry.Value, fileBinder, fileValidator, baseline)
            : [];

        var regionEntries = fileEntries.TryGetValue("regions", out var regionsEntry)
            ? ReadRegions(regionsEntry.Value, fileBinder, locations)
            : [];

        var sweepAxes = ImmutableArray<SweepAxis>.Empty;
        if (fileEntries.TryGetValue("sweep", out var sweepEntry))
        {
            variantEntries = [.. variantEntries, .. ExpandSweep(sweepEntry.Value, fileBinder, variantEntries, baseline, DeclaredParameters(root), out sweepAxes)];
            foreach (var axis in sweepAxes)
            {
                if (axis.Path.Split('.') is ["policy", "params", var parameter]
                    && sweepEntry.Value is YamlMappingNode sweepMapping
                    && sweepMapping.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: { } p } && p == axis.Path) is { } axisKey)
                {
                    var at = locations.Of(axisKey);
                    changes.Add(new ParameterChange(new ScenarioError(at.File, at.Line, at.Column, $"sweep.{axis.Path}", ""), parameter));
                }
            }
        }

        var baseBinder = new ConfigBinder(locations, errors);
        var baseModel = baseBinder.BindModel(modelNode);
        var baseValidator = new ScenarioValidator();
        baseValidator.ValidateModel(baseModel);
        // Rules that can never fire and test kinds nobody orders are held back until every variant has been seen.
        var idle = new List<IdleProblem>();
        var live = new HashSet<string>(baseValidator.Live, StringComparer.Ordinal);
        AddProblems(errors, baseValidator.Problems, baseBinder, locations.Of(root), idle);

        var variants = ImmutableArray.CreateBuilder<ScenarioVariant>(variantEntries.Length + 1);
        var baseErrors = errors.Concat(idle.Select(i => i.Error)).ToHashSet();
        var baseRegions = BindRegions(regionEntries, modelNode, [], new Dictionary<string, List<(string[] Segments, YamlNode Value)>>(), baseModel, null, locations, errors, baseErrors, idle, live);
        ValidateTravel(baseModel, regionEntries, baseBinder.PathLocations, locations.Of(root), errors, baseErrors, "");
        variants.Add(new ScenarioVariant
        {
            Name = baseline,
            Description = description,
            Model = WithRuleSources(baseModel, baseBinder.PathLocations, locations.Of(root), baseline),
            Regions = baseRegions,
        });
        baseErrors.UnionWith(errors.Concat(idle.Select(i => i.Error)));
        var parameters = DeclaredParameters(root);
        foreach (var entry in variantEntries)
        {
            var (model, regions) = BindVariant(entry, modelNode, baseModel, parameters, regionEntries, locations, errors, baseErrors, idle, live, changes);
            variants.Add(new ScenarioVariant { Name = entry.Name, Description = entry.Description, Model = model, Sweep = entry.Sweep, Regions = regions });
        }

        if (errors.Count == 0)
        {
            ReportUnreadParameters(changes, variants, errors);
        }
        ResolveDataFiles(variants, sourceName, baseBinder.PathLocations, locations.Of(root), errors);

        // An idle rule or test kind is often the consequence of another mistake in the policy or the tests (a misspelt
        // test kind, an action that did not bind), so it is reported once those are fixed.
        if (!errors.Any(e => IsPolicyOrTests(e.SettingPath)))
        {
            errors.AddRange(idle.Where(i => !live.Contains(i.Key)).Select(i => i.Error));
        }

        string? counterfactual = null;
        if (fileEntries.TryGetValue("counterfactual", out var counterfactualEntry))
        {
            if (!ConfigBinder.IsNull(counterfactualEntry.Value))
            {
                counterfactual = BindOr(fileBinder, counterfactualEntry.Value, "counterfactual", "");
                ImmutableArray<string> names = [.. variants.Select(v => v.Name)];
                if (!names.Contains(counterfactual))
                {
                    fileBinder.Error(counterfactualEntry.Value, "counterfactual",
                        SettingNames.UnknownMessage("variant", counterfactual, names));
                }
            }
        }
        else if (variantEntries.Any(v => v.Name == ScenarioDefaults.CounterfactualVariantName))
        {
            counterfactual = ScenarioDefaults.CounterfactualVariantName;
        }

        var reference = baseline;
        if (fileEntries.TryGetValue("reference", out var referenceEntry) && !ConfigBinder.IsNull(referenceEntry.Value))
        {
            reference = BindOr(fileBinder, referenceEntry.Value, "reference", baseline);
            ImmutableArray<string> names = [.. variants.Select(v => v.Name)];
            if (!names.Contains(reference))
            {
                fileBinder.Error(referenceEntry.Value, "reference", SettingNames.UnknownMessage("variant", reference, names));
            }
        }

        Uncertainty.InputDraws? draws = null;
        if (fileEntries.TryGetValue("uncertainty", out var uncertaintyEntry) && !ConfigBinder.IsNull(uncertaintyEntry.Value))
        {
            List<(string Who, string Path)> changed =
            [
                .. variantEntries.Where(v => v.Sweep.IsDefaultOrEmpty).SelectMany(v => v.Set.Children.Keys.OfType<YamlScalarNode>().Select(k => ($"variant '{v.Name}'", k.Value ?? ""))),
                .. sweepAxes.Select(a => ("the sweep", a.Path)),
                .. overrides.Where(o => o.Contains('=', StringComparison.Ordinal)).Select(o => ("--set", o[..o.IndexOf('=', StringComparison.Ordinal)].Trim())),
            ];
            draws = UncertaintySection.Read(uncertaintyEntry.Value, fileBinder, fileValidator, baseModel, FileKeys, DeclaredParameters(root), changed, seed, replicates);
            if (!regionEntries.IsDefaultOrEmpty)
            {
                // Drawn inputs are applied to the file-level model; a multi-region run builds its regions' models
                // without them, so the draws would be recorded but not used.
                fileBinder.Error(uncertaintyEntry.Value, "uncertainty", "cannot be combined with 'regions' yet: the drawn inputs would not reach the regions' models");
            }
        }

        if (fileEntries.TryGetValue("search", out var searchSection) && !ConfigBinder.IsNull(searchSection.Value))
        {
            // A search evaluates every candidate on the file-level model with fixed inputs (ScenarioSearchEvaluator), so
            // regions or drawn inputs would be silently ignored: refuse them rather than search a different model.
            if (!regionEntries.IsDefaultOrEmpty)
            {
                fileBinder.Error(searchSection.Value, "search", "cannot be combined with 'regions' yet: candidates are evaluated on the file-level model, so the regions would be ignored");
            }
            if (draws is not null)
            {
                fileBinder.Error(searchSection.Value, "search", "cannot be combined with 'uncertainty' yet: candidates are evaluated with fixed inputs, so the drawn inputs would be ignored");
            }
        }

        AddProblems(errors, fileValidator.Problems, fileBinder, locations.Of(root));
        var calibration = fileEntries.TryGetValue("calibration", out var calibrationEntry)
            ? BindCalibration(calibrationEntry.Value, fileBinder, baseModel, sourceName, errors, locations.Of(root))
            : null;
        var search = fileEntries.TryGetValue("search", out var searchEntry)
            ? BindSearch(searchEntry.Value, fileBinder, baseModel, counterfactual, errors, locations.Of(root))
            : null;
        if (errors.Count > 0)
        {
            // Command-line problems (line 0) first, then in file order, so the list reads top to bottom.
            throw new ScenarioValidationException(
                [.. errors.Distinct().OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }

        return new Scenario
        {
            Name = name,
            Description = description,
            Seed = seed,
            Replicates = replicates,
            Counterfactual = counterfactual,
            Reference = reference,
            Variants = variants.ToImmutable(),
            SweepAxes = sweepAxes,
            IdenticalSweepPoints = sweepAxes.IsDefaultOrEmpty ? [] : EffectiveSettings.FindIdenticalSweepPoints(variants),
            Uncertainty = draws,
            Calibration = calibration,
            Search = search,
        };
    }

    /// <summary>Binds and validates the <c>search</c> section against the base model.</summary>
    private static Search.SearchConfig? BindSearch(
        YamlNode node, ConfigBinder binder, ModelConfig baseModel, string? counterfactual, List<ScenarioError> errors, SourceLocation fallback)
    {
        if (!binder.TryBind(ScenarioSchema.File.Child("search")!, node, "search", new Search.SearchConfig(), out var value)
            || value is not Search.SearchConfig bound)
        {
            return null;
        }
        var validator = new Search.SearchValidator();
        var validated = validator.Validate(bound, baseModel, counterfactual);
        AddProblems(errors, validator.Problems, binder, fallback);
        return validated;
    }

    /// <summary>Binds and validates the <c>calibration</c> section against the base model.</summary>
    private static Calibration.CalibrationConfig? BindCalibration(
        YamlNode node, ConfigBinder binder, ModelConfig baseModel, string sourceName, List<ScenarioError> errors, SourceLocation fallback)
    {
        if (!binder.TryBind(ScenarioSchema.File.Child("calibration")!, node, "calibration", new Calibration.CalibrationConfig(), out var value)
            || value is not Calibration.CalibrationConfig bound)
        {
            return null;
        }
        var validator = new Calibration.CalibrationValidator();
        var validated = validator.Validate(bound, baseModel, sourceName);
        AddProblems(errors, validator.Problems, binder, fallback);
        return validated;
    }

    /// <summary>Reads and loads a scenario file; throws ScenarioNotFoundException if it does not exist.</summary>
    public static Scenario LoadFile(string path, IReadOnlyList<string> overrides)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioNotFoundException(path);
        }
        // Read with a bound, so that a huge or endless file (a log by mistake, /dev/zero) is never read into memory;
        // one character more than the limit is enough for Load to refuse it with the limit in the message.
        using var reader = new StreamReader(path);
        var buffer = new char[YamlBounds.MaxChars + 1];
        var length = reader.ReadBlock(buffer, 0, buffer.Length);
        return Load(new string(buffer, 0, length), path, overrides);
    }

    /// <summary>Loads the built-in default scenario (scenarios/default.yaml, embedded in the engine).</summary>
    public static Scenario LoadDefault(IReadOnlyList<string> overrides) =>
        Load(DefaultScenario.Text, DefaultScenario.SourceName, overrides);

    private static YamlMappingNode ParseDocument(string text, string sourceName)
    {
        var stream = ParseYaml(text, out var syntaxError);
        if (syntaxError is { } error)
        {
            throw Single(new ScenarioError(sourceName, error.Line, error.Column, "", error.Message));
        }
        if (stream.Documents.Count == 0)
        {
            throw Single(new ScenarioError(sourceName, 0, 0, "", "the scenario is empty; it needs at least a 'name'"));
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw Single(new ScenarioError(sourceName, (int)second.Line, (int)second.Column, "",
                "a scenario file holds one YAML document; remove the '---' and everything after it, or split the file"));
        }
        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping)
        {
            throw Single(new ScenarioError(sourceName, (int)root.Start.Line, (int)root.Start.Column, "",
                $"a scenario must be a mapping of settings (name: ..., population: ...), got {ConfigBinder.Describe(root)}"));
        }
        return mapping;
    }

    /// <summary>Parses YAML; on a syntax error returns the error's line, column (1-based) and message instead.</summary>
    private static YamlStream ParseYaml(string text, out (int Line, int Column, string Message)? syntaxError)
    {
        var scan = new Parser(new StringReader(text));
        var parser = new Parser(new StringReader(text));
        var stream = new YamlStream();
        syntaxError = null;
        try
        {
            if (YamlBounds.Check(text, scan) is { } excess)
            {
                syntaxError = ((int)excess.Where.Line, (int)excess.Where.Column, excess.Message);
                return stream;
            }
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            syntaxError = ((int)e.Start.Line, (int)e.Start.Column, $"invalid YAML: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18.1 throws this, not a YamlException, for some unclosed flow lists and mappings
            // ("a: [1, 2" followed by another key); the parser's last event is the best location there is.
            var mark = parser.Current?.Start ?? scan.Current?.Start ?? Mark.Empty;
            syntaxError = ((int)mark.Line, (int)mark.Column, "invalid YAML: a '[' or '{' is not closed");
        }
        catch (ArgumentException)
        {
            // YamlDotNet 18.1 throws this ("the current event is of an unsupported type") when a node starts where
            // the parser's events do not allow one, e.g. after some stray document markers; found by the fuzz tests.
            var mark = parser.Current?.Start ?? Mark.Empty;
            syntaxError = ((int)mark.Line, (int)mark.Column, $"invalid YAML: unexpected {parser.Current?.GetType().Name ?? "end"} here");
        }
        return stream;
    }

    private static YamlMappingNode ApplyCommandLineOverride(
        YamlMappingNode root, string setting, NodeLocations locations, List<ScenarioError> errors, List<ParameterChange> changes)
    {
        var separator = setting.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0)
        {
            errors.Add(new ScenarioError(CommandLineSource, 0, 0, "",
                $"expected PATH=VALUE, such as population.size=1000, got '{setting}'"));
            return root;
        }
        var path = setting[..separator].Trim();
        var valueText = setting[(separator + 1)..];
        var segments = path.Split('.');
        string? problem;
        if (FileKeys.Contains(segments[0]))
        {
            problem = segments.Length > 1 ? $"'{segments[0]}' is a single value and has no setting '{segments[1]}'" : null;
        }
        else if (SettingNames.FindProperty(typeof(ModelConfig), segments[0]) is null)
        {
            problem = SettingNames.UnknownMessage("setting", segments[0],
                [.. FileKeys, .. SettingNames.KeysOf(typeof(ModelConfig))]);
        }
        else
        {
            problem = SettingPath.FindProblem(typeof(ModelConfig), segments, 0)
                ?? (segments is ["policy", "params", var parameter]
                    ? PolicyParameters.UndeclaredProblem(parameter, DeclaredParameters(root), "--set")
                    : null);
        }
        if (problem is not null)
        {
            errors.Add(new ScenarioError(CommandLineSource, 0, 0, path, problem));
            return root;
        }

        var stream = ParseYaml(valueText, out var syntaxError);
        if (syntaxError is { } error)
        {
            errors.Add(new ScenarioError(CommandLineSource, 0, 0, path, $"the value '{valueText}' is not valid: {error.Message}"));
            return root;
        }
        YamlNode value = stream.Documents.Count == 0 ? new YamlScalarNode("") : stream.Documents[0].RootNode;
        if (segments is ["policy", "params", var changed])
        {
            changes.Add(new ParameterChange(new ScenarioError(CommandLineSource, 0, 0, path, ""), changed));
        }
        locations.AssignTree(value, new SourceLocation(CommandLineSource, 0, 0));
        return SettingPath.Apply(root, segments, 0, value, locations);
    }

    private static ImmutableArray<VariantEntry> ReadVariants(
        YamlNode node, ConfigBinder binder, ScenarioValidator validator, string baseline)
    {
        binder.Note("variants", node);
        if (node is not YamlSequenceNode sequence)
        {
            if (!ConfigBinder.IsNull(node))
            {
                binder.Error(node, "variants", $"expected a list of variants (- name: ..., set: {{...}}), got {ConfigBinder.Describe(node)}");
            }
            return [];
        }
        if (sequence.Children.Count == 0)
        {
            // An error rather than a silent "base only": an empty list written out is most likely a generated file
            // whose variants went missing. Leaving 'variants' out is how a scenario says it has none.
            binder.Error(node, "variants", "is an empty list; list at least one variant, or remove 'variants' to run only the base scenario");
            return [];
        }
        var entries = ImmutableArray.CreateBuilder<VariantEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"variants[{i}]";
            var item = sequence.Children[i];
            binder.Note(path, item);
            if (item is not YamlMappingNode mapping)
            {
                binder.Error(item, path, $"expected a variant (name: ..., set: {{...}}), got {ConfigBinder.Describe(item)}");
                continue;
            }
            var name = "";
            var description = "";
            var set = new YamlMappingNode();
            var hasName = false;
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                switch (key)
                {
                    case "name":
                        hasName = true;
                        name = BindOr(binder, valueNode, $"{path}.name", "");
                        break;
                    case "description":
                        description = BindOr(binder, valueNode, $"{path}.description", "");
                        break;
                    case "set" when valueNode is YamlMappingNode overrides:
                        set = overrides;
                        break;
                    case "set" when ConfigBinder.IsNull(valueNode):
                        break;
                    case "set":
                        binder.Error(valueNode, $"{path}.set",
                            $"expected a mapping of setting paths to values (policy.params.yellow_days: 3), got {ConfigBinder.Describe(valueNode)}");
                        break;
                    default:
                        binder.Error(keyNode, $"{path}.{key}", SettingNames.UnknownMessage("variant setting", key, VariantKeys));
                        break;
                }
            }
            if (!hasName)
            {
                binder.Error(item, $"{path}.name", "every variant needs a name");
            }
            else if (name.Length == 0)
            {
                validator.ValidateName($"{path}.name", name, "a variant name");
            }
            else if (name == baseline)
            {
                binder.Error(mapping.Children[new YamlScalarNode("name")], $"{path}.name",
                    $"'{name}' is the name of the base scenario (see 'baseline'); choose another variant name");
            }
            else if (!seen.Add(name))
            {
                binder.Error(mapping.Children[new YamlScalarNode("name")], $"{path}.name", $"variant name '{name}' is used twice");
            }
            else
            {
                validator.ValidateName($"{path}.name", name, "a variant name");
            }
            entries.Add(new VariantEntry(name, description, set));
        }
        return entries.ToImmutable();
    }

    private static IEnumerable<VariantEntry> ExpandSweep(
        YamlNode node,
        ConfigBinder binder,
        ImmutableArray<VariantEntry> declared,
        string baseline,
        ImmutableArray<string> parameters,
        out ImmutableArray<SweepAxis> axes)
    {
        var points = SweepExpander.Expand(node, binder, FileKeys, parameters, out axes);
        var taken = declared.Select(v => v.Name).Append(baseline).ToHashSet(StringComparer.Ordinal);
        var entries = new List<VariantEntry>(points.Length);
        foreach (var point in points)
        {
            if (!taken.Add(point.Name))
            {
                binder.Error(node, "sweep", $"the grid point '{point.Name}' has the name of a declared variant or of the base scenario; rename that variant");
                continue;
            }
            entries.Add(new VariantEntry(point.Name, point.Description, point.Set) { Sweep = point.Settings });
        }
        return entries;
    }

    private static (ModelConfig Model, ImmutableArray<RegionModel> Regions) BindVariant(
        VariantEntry entry,
        YamlMappingNode baseNode,
        ModelConfig baseModel,
        ImmutableArray<string> parameters,
        ImmutableArray<RegionEntry> regionEntries,
        NodeLocations locations,
        List<ScenarioError> errors,
        HashSet<ScenarioError> baseErrors,
        List<IdleProblem> idle,
        HashSet<string> live,
        List<ParameterChange> changes)
    {
        var node = baseNode;
        var modelKeys = SettingNames.KeysOf(typeof(ModelConfig));
        // Overrides for every region (the plain paths, as applied) and for one region (regions.NAME.PATH).
        var applied = new List<(string[] Segments, YamlNode Value)>();
        var byRegion = new Dictionary<string, List<(string[] Segments, YamlNode Value)>>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in entry.Set.Children)
        {
            var path = (keyNode as YamlScalarNode)?.Value ?? "";
            var segments = path.Split('.');
            if (segments[0] == "regions")
            {
                var regionProblem = segments.Length < 3
                    ? "a region's setting is changed as regions.NAME.PATH (regions.east.population.size)"
                    : !regionEntries.Any(r => r.Name == segments[1])
                        ? SettingNames.UnknownMessage("region", segments[1], [.. regionEntries.Select(r => r.Name)])
                        : RegionProblem(segments, 2);
                if (regionProblem is not null)
                {
                    var at = locations.Of(keyNode);
                    errors.Add(new ScenarioError(at.File, at.Line, at.Column, path, regionProblem));
                    continue;
                }
                if (!byRegion.TryGetValue(segments[1], out var list))
                {
                    byRegion[segments[1]] = list = [];
                }
                list.Add((segments[2..], valueNode));
                continue;
            }
            var problem = FileKeys.Contains(segments[0])
                ? $"'{segments[0]}' is a file-level setting that variants cannot change; variants change model settings ({string.Join(", ", modelKeys)})"
                : SettingPath.FindProblem(typeof(ModelConfig), segments, 0);
            if (problem is not null)
            {
                var location = locations.Of(keyNode);
                errors.Add(new ScenarioError(location.File, location.Line, location.Column, path, problem));
                continue;
            }
            var undeclared = false;
            foreach (var (name, at, atPath) in ParametersNamed(path, segments, keyNode, valueNode))
            {
                if (PolicyParameters.UndeclaredProblem(name, parameters, "a variant") is { } message)
                {
                    var location = locations.Of(at);
                    errors.Add(new ScenarioError(location.File, location.Line, location.Column, atPath, message));
                    undeclared = true;
                }
            }
            if (undeclared)
            {
                continue;
            }
            if (segments is ["policy", "params", var changed] && entry.Sweep.IsDefaultOrEmpty)
            {
                // (A sweep's changes are recorded once, at its axis, not once per grid point.)
                var at = locations.Of(keyNode);
                changes.Add(new ParameterChange(new ScenarioError(at.File, at.Line, at.Column, path, ""), changed));
            }
            node = SettingPath.Apply(node, segments, 0, valueNode, locations);
            applied.Add((segments, valueNode));
        }

        var variantErrors = new List<ScenarioError>();
        var binder = new ConfigBinder(locations, variantErrors);
        var model = binder.BindModel(node);
        var validator = new ScenarioValidator();
        validator.ValidateModel(model);
        var variantIdle = new List<IdleProblem>();
        AddProblems(variantErrors, validator.Problems, binder, locations.Of(baseNode), variantIdle);
        live.UnionWith(validator.Live);
        if (!model.Policy.Colours.SequenceEqual(baseModel.Policy.Colours))
        {
            var location = Locate(binder.PathLocations, "policy.colours", locations.Of(baseNode));
            variantErrors.Add(new ScenarioError(location.File, location.Line, location.Column, "policy.colours",
                $"must be the same in every variant, because outputs have one column per colour: the base has "
                + $"[{string.Join(", ", baseModel.Policy.Colours)}], got [{string.Join(", ", model.Policy.Colours)}]"));
        }
        foreach (var error in variantErrors)
        {
            // A problem the base already has is reported once, with the base; the rest are this variant's own.
            if (!baseErrors.Contains(error))
            {
                errors.Add(error with { Message = $"{error.Message} (in variant '{entry.Name}')" });
            }
        }
        foreach (var (key, error) in variantIdle)
        {
            if (!baseErrors.Contains(error))
            {
                idle.Add(new IdleProblem(key, error with { Message = $"{error.Message} (in variant '{entry.Name}')" }));
            }
        }
        var regions = BindRegions(regionEntries, baseNode, applied, byRegion, model, entry.Name, locations, errors, baseErrors, idle, live);
        ValidateTravel(model, regionEntries, binder.PathLocations, locations.Of(baseNode), errors, baseErrors, $" (in variant '{entry.Name}')");
        return (WithRuleSources(model, binder.PathLocations, locations.Of(baseNode), entry.Name), regions);
    }

    /// <summary>
    /// Reads <c>regions</c>: a mapping of region names to overrides by path, each checked like a variant's <c>set</c>
    /// (a region may not change the run-wide <c>days</c>, <c>stop_when_clear</c> or <c>travel</c>).
    /// </summary>
    private static ImmutableArray<RegionEntry> ReadRegions(YamlNode node, ConfigBinder binder, NodeLocations locations)
    {
        binder.Note("regions", node);
        if (node is not YamlMappingNode mapping)
        {
            if (!ConfigBinder.IsNull(node))
            {
                binder.Error(node, "regions", $"expected a mapping of region names to settings by path (east: {{population.size: 20000}}), got {ConfigBinder.Describe(node)}");
            }
            return [];
        }
        if (mapping.Children.Count == 0)
        {
            binder.Error(node, "regions", "is an empty mapping; declare at least one region, or remove 'regions' for a single-region scenario");
            return [];
        }
        var entries = ImmutableArray.CreateBuilder<RegionEntry>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? "";
            var path = $"regions.{name}";
            binder.Note(path, valueNode);
            if (!ScenarioValidator.IdentifierPattern.IsMatch(name))
            {
                binder.Error(keyNode, path, $"a region name must start with a lower-case letter and hold only lower-case letters, digits and '_', got '{name}'");
                continue;
            }
            var set = new YamlMappingNode();
            if (valueNode is YamlMappingNode overrides)
            {
                set = overrides;
            }
            else if (!ConfigBinder.IsNull(valueNode))
            {
                binder.Error(valueNode, path, $"expected a mapping of setting paths to values (population.size: 20000), got {ConfigBinder.Describe(valueNode)}");
                continue;
            }
            var valid = new List<(string[] Segments, YamlNode Value)>();
            foreach (var (settingKey, settingValue) in set.Children)
            {
                var settingPath = (settingKey as YamlScalarNode)?.Value ?? "";
                var segments = settingPath.Split('.');
                if (RegionProblem(segments, 0) is { } problem)
                {
                    binder.Error(settingKey, $"{path}.{settingPath}", problem);
                    continue;
                }
                valid.Add((segments, settingValue));
            }
            entries.Add(new RegionEntry(name, valid));
        }
        return entries.ToImmutable();
    }

    /// <summary>Why a region cannot set the model path starting at <paramref name="start"/>, or null if it can.</summary>
    private static string? RegionProblem(string[] segments, int start)
    {
        if (segments.Length > start && RunWideKeys.Contains(segments[start]))
        {
            return $"'{segments[start]}' is the same for every region of a run; set it outside 'regions'";
        }
        if (segments.Length > start && FileKeys.Contains(segments[start]))
        {
            return $"'{segments[start]}' is a file-level setting; a region changes model settings";
        }
        return SettingPath.FindProblem(typeof(ModelConfig), segments, start);
    }

    /// <summary>
    /// <c>travel</c> needs regions, and its flows name two different declared regions with one rate each. An error the
    /// base already has is not repeated for a variant.
    /// </summary>
    private static void ValidateTravel(
        ModelConfig model, ImmutableArray<RegionEntry> regions, IReadOnlyDictionary<string, SourceLocation> pathLocations,
        SourceLocation fallback, List<ScenarioError> errors, HashSet<ScenarioError> known, string suffix)
    {
        if (model.Travel is not { } travel)
        {
            return;
        }
        void Add(string path, string message)
        {
            var at = Locate(pathLocations, path, fallback);
            var error = new ScenarioError(at.File, at.Line, at.Column, path, message);
            if (!known.Contains(error))
            {
                errors.Add(error with { Message = message + suffix });
            }
        }
        if (regions.IsDefaultOrEmpty)
        {
            Add("travel", "needs regions: declare at least two under 'regions' (travel goes from one region to another)");
            return;
        }
        ImmutableArray<string> names = [.. regions.Select(r => r.Name)];
        for (var i = 0; i < travel.Flows.Length; i++)
        {
            var flow = travel.Flows[i];
            var path = $"travel.flows[{i}]";
            if (!names.Contains(flow.From))
            {
                Add($"{path}.from", SettingNames.UnknownMessage("region", flow.From, names));
            }
            if (!names.Contains(flow.To))
            {
                Add($"{path}.to", SettingNames.UnknownMessage("region", flow.To, names));
            }
            else if (flow.To == flow.From)
            {
                Add($"{path}.to", $"is the origin '{flow.From}' itself; a flow goes to another region");
            }
            if (flow.TripsPerDay > 0 && flow.SharePerDay > 0)
            {
                Add($"{path}.share_per_day", "is set beside trips_per_day; give a flow one rate, trips_per_day or share_per_day");
            }
        }
        for (var i = 0; i < travel.Borders.Length; i++)
        {
            var border = travel.Borders[i];
            var path = $"travel.borders[{i}]";
            if (!names.Contains(border.To))
            {
                Add($"{path}.to", SettingNames.UnknownMessage("region", border.To, names));
            }
            if (border.From.Length > 0 && !names.Contains(border.From))
            {
                Add($"{path}.from", SettingNames.UnknownMessage("region", border.From, names));
            }
            if (!model.Tests.ContainsKey(border.Test))
            {
                Add($"{path}.test", SettingNames.UnknownMessage("test kind", border.Test, [.. model.Tests.Keys.Order(StringComparer.Ordinal)]));
            }
        }
    }

    /// <summary>Model keys that belong to the whole multi-region run rather than to one region.</summary>
    private static readonly ImmutableArray<string> RunWideKeys = ["days", "stop_when_clear", "travel"];

    /// <summary>
    /// Each region's model: the file's model tree with the region's overrides, then the variant's plain overrides, then
    /// the variant's overrides of that region; bound and validated on its own. Errors the run-wide model already has are
    /// not repeated; the others name the region (and the variant).
    /// </summary>
    private static ImmutableArray<RegionModel> BindRegions(
        ImmutableArray<RegionEntry> regionEntries,
        YamlMappingNode fileNode,
        IReadOnlyList<(string[] Segments, YamlNode Value)> variantSets,
        IReadOnlyDictionary<string, List<(string[] Segments, YamlNode Value)>> regionSets,
        ModelConfig runModel,
        string? variant,
        NodeLocations locations,
        List<ScenarioError> errors,
        HashSet<ScenarioError> knownErrors,
        List<IdleProblem> idle,
        HashSet<string> live)
    {
        if (regionEntries.IsDefaultOrEmpty)
        {
            return [];
        }
        var regions = ImmutableArray.CreateBuilder<RegionModel>(regionEntries.Length);
        // The base's region errors join the known ones (a variant does not repeat them); a variant's stay its own.
        knownErrors = variant is null ? knownErrors : [.. knownErrors];
        var fallback = locations.Of(fileNode);
        var suffixOf = (string region) => variant is null ? $" (in region '{region}')" : $" (in variant '{variant}', region '{region}')";
        if (runModel.StopWhenClear)
        {
            errors.Add(new ScenarioError(fallback.File, fallback.Line, fallback.Column, "stop_when_clear",
                "cannot be used with regions: a multi-region run steps all regions to the last day" + (variant is null ? "" : $" (in variant '{variant}')")));
        }
        foreach (var region in regionEntries)
        {
            var node = fileNode;
            foreach (var (segments, value) in region.Set.Concat(variantSets).Concat(regionSets.GetValueOrDefault(region.Name) ?? []))
            {
                node = SettingPath.Apply(node, segments, 0, value, locations);
            }
            var regionErrors = new List<ScenarioError>();
            var binder = new ConfigBinder(locations, regionErrors);
            var model = binder.BindModel(node);
            var validator = new ScenarioValidator();
            validator.ValidateModel(model);
            var regionIdle = new List<IdleProblem>();
            AddProblems(regionErrors, validator.Problems, binder, fallback, regionIdle);
            live.UnionWith(validator.Live);
            if (!model.Policy.Colours.SequenceEqual(runModel.Policy.Colours))
            {
                var location = Locate(binder.PathLocations, "policy.colours", fallback);
                regionErrors.Add(new ScenarioError(location.File, location.Line, location.Column, "policy.colours",
                    $"must be the same in every region, because outputs have one column per colour: the scenario has "
                    + $"[{string.Join(", ", runModel.Policy.Colours)}], got [{string.Join(", ", model.Policy.Colours)}]"));
            }
            foreach (var error in regionErrors)
            {
                if (knownErrors.Add(error))
                {
                    errors.Add(error with { Message = error.Message + suffixOf(region.Name) });
                }
            }
            foreach (var (key, error) in regionIdle)
            {
                if (knownErrors.Add(error))
                {
                    idle.Add(new IdleProblem(key, error with { Message = error.Message + suffixOf(region.Name) }));
                }
            }
            regions.Add(new RegionModel
            {
                Name = region.Name,
                Model = WithRuleSources(model, binder.PathLocations, fallback, variant ?? ""),
            });
        }
        return regions.MoveToImmutable();
    }

    /// <summary>
    /// A declared parameter that no rule reads (no condition, no action number, no <c>enabled</c> switch) is changed in vain by <c>--set</c>, a
    /// variant or a sweep: the runs come out identical. Each such change is an error, at the change.
    /// </summary>
    private static void ReportUnreadParameters(
        List<ParameterChange> changes, IReadOnlyList<ScenarioVariant> variants, List<ScenarioError> errors)
    {
        if (changes.Count == 0)
        {
            return;
        }
        var read = new HashSet<string>(StringComparer.Ordinal);
        var conditions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in variants.SelectMany(v => v.RegionModels.Select(r => r.Model).Append(v.Model)))
        {
            var policy = model.Policy;
            var attributes = People.DeclaredAttributes.Of(model.Attributes);
            if (model.Score.Length > 0)
            {
                read.UnionWith(Rules.RuleCompiler.ParametersRead(model.Score, policy.Params, attributes, isScore: true));
            }
            foreach (var rule in policy.Rules)
            {
                // Which parameters a condition reads depends on its text, not on the values, so each text is parsed once.
                if (conditions.Add(rule.When))
                {
                    read.UnionWith(Rules.RuleCompiler.ParametersRead(rule.When, policy.Params, attributes));
                }
                if (rule.Enabled.Length > 0)
                {
                    read.Add(rule.Enabled);
                }
                foreach (var action in rule.Do)
                {
                    NumberOrParameter?[] numbers =
                        [action.Days, action.Trace?.Days, action.Trace?.DelayDays, action.TraceVenues?.WindowSlots, action.TraceVenues?.Days, action.TraceVenues?.DelayDays];
                    read.UnionWith(numbers.Select(n => n?.Parameter).OfType<string>());
                }
            }
        }
        foreach (var (at, name) in changes)
        {
            if (!read.Contains(name))
            {
                errors.Add(at with
                {
                    Message = $"parameter '{name}' is read by no rule (no condition or action number names it), so changing it "
                        + "changes nothing and the runs would be identical; use it in a rule or remove the change",
                });
            }
        }
    }

    /// <summary>The model with each rule told where its condition is written and which variant it belongs to, for run-time errors.</summary>
    private static ModelConfig WithRuleSources(
        ModelConfig model, IReadOnlyDictionary<string, SourceLocation> pathLocations, SourceLocation fallback, string variant)
    {
        var rules = model.Policy.Rules;
        if (rules.IsDefaultOrEmpty)
        {
            return model;
        }
        var sourced = rules.Select((rule, i) =>
        {
            var path = $"policy.rules[{i}].when";
            var at = Locate(pathLocations, path, fallback);
            return rule with { Source = new RuleSource(at.File, at.Line, at.Column, path, variant) };
        });
        return model with { Policy = model.Policy with { Rules = [.. sourced] } };
    }

    /// <summary>
    /// Data files a scenario names (<c>population.from_file</c>, <c>population.community.from_file</c>) are relative to
    /// the scenario file's folder (the working folder for text without a file); each becomes an absolute path, and a
    /// file that does not exist is an error at its key.
    /// </summary>
    private static void ResolveDataFiles(ImmutableArray<ScenarioVariant>.Builder variants, string sourceName,
        IReadOnlyDictionary<string, SourceLocation> pathLocations, SourceLocation fallback, List<ScenarioError> errors)
    {
        var folder = File.Exists(sourceName) ? Path.GetDirectoryName(Path.GetFullPath(sourceName))! : Path.GetFullPath(".");
        string Resolve(string file, string path)
        {
            if (file.Length == 0)
            {
                return file;
            }
            var full = Path.GetFullPath(Path.Combine(folder, file));
            if (!File.Exists(full))
            {
                var at = Locate(pathLocations, path, fallback);
                var error = new ScenarioError(at.File, at.Line, at.Column, path, $"no such file: '{file}' (looked for {full}; a path is relative to the scenario file's folder)");
                if (!errors.Contains(error))
                {
                    errors.Add(error);
                }
            }
            return full;
        }
        for (var v = 0; v < variants.Count; v++)
        {
            var population = variants[v].Model.Population;
            if (population.Community.FromFile.Length == 0 && population.FromFile.Length == 0)
            {
                continue;
            }
            population = population with
            {
                FromFile = Resolve(population.FromFile, "population.from_file"),
                Community = population.Community with { FromFile = Resolve(population.Community.FromFile, "population.community.from_file") },
            };
            variants[v] = variants[v] with { Model = variants[v].Model with { Population = population } };
        }
    }

    /// <summary>The parameter names the base scenario (file and <c>--set</c> so far) declares in <c>policy.params</c>.</summary>
    private static ImmutableArray<string> DeclaredParameters(YamlMappingNode root) =>
        root.Children.TryGetValue(new YamlScalarNode("policy"), out var policy) && policy is YamlMappingNode policyMapping
        && policyMapping.Children.TryGetValue(new YamlScalarNode("params"), out var parameters) && parameters is YamlMappingNode mapping
            ? [.. mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").Order(StringComparer.Ordinal)]
            : [];

    /// <summary>
    /// The parameters a variant's override names, with the node and path to report them at: <c>policy.params.X</c>, or
    /// the keys of a mapping set at <c>policy.params</c> or at <c>policy</c>.
    /// </summary>
    private static IEnumerable<(string Name, YamlNode At, string Path)> ParametersNamed(
        string path, string[] segments, YamlNode keyNode, YamlNode value)
    {
        if (segments is ["policy", "params", var name])
        {
            yield return (name, keyNode, path);
            yield break;
        }
        var parameters = segments switch
        {
            ["policy", "params"] => value,
            ["policy"] when value is YamlMappingNode policy && policy.Children.TryGetValue(new YamlScalarNode("params"), out var p) => p,
            _ => null,
        };
        if (parameters is YamlMappingNode mapping)
        {
            foreach (var key in mapping.Children.Keys.OfType<YamlScalarNode>())
            {
                yield return (key.Value ?? "", key, $"policy.params.{key.Value}");
            }
        }
    }

    private static T BindOr<T>(ConfigBinder binder, YamlNode node, string path, T fallback) =>
        binder.TryBind(typeof(T), node, path, out var value) && value is T bound ? bound : fallback;

    private static void AddProblems(
        List<ScenarioError> errors,
        IReadOnlyList<SettingProblem> problems,
        ConfigBinder binder,
        SourceLocation fallback,
        List<IdleProblem>? idle = null)
    {
        foreach (var problem in problems)
        {
            if (binder.IsNearError(problem.Path))
            {
                continue;
            }
            var location = Locate(binder.PathLocations, problem.Path, fallback);
            var column = location.Line > 0 ? location.Column + problem.ColumnOffset : location.Column;
            var error = new ScenarioError(location.File, location.Line, column, problem.Path, problem.Message);
            if (problem.Idle is not { } key || idle is null)
            {
                errors.Add(error);
            }
            else if (binder.PathLocations.ContainsKey(problem.Path))
            {
                // Only what the file writes: the default test kind of a file without 'tests' is nobody's mistake.
                idle.Add(new IdleProblem(key, error));
            }
        }
    }

    /// <summary>
    /// The location of a setting path; a setting absent from the file (a default) is placed at its nearest written
    /// ancestor (<c>disease.latent_days.sd_days</c> at <c>disease.latent_days</c>).
    /// </summary>
    private static SourceLocation Locate(IReadOnlyDictionary<string, SourceLocation> pathLocations, string path, SourceLocation fallback)
    {
        while (true)
        {
            if (pathLocations.TryGetValue(path, out var location))
            {
                return location;
            }
            if (path.Length == 0)
            {
                return fallback;
            }
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut < 0 ? "" : path[..cut];
        }
    }

    private static ScenarioValidationException Single(ScenarioError error) => new([error]);

    private static bool IsPolicyOrTests(string path) =>
        path is "policy" or "tests" || path.StartsWith("policy.", StringComparison.Ordinal) || path.StartsWith("tests.", StringComparison.Ordinal);

    /// <summary>Where <c>--set</c>, a variant or a sweep changes a declared parameter (the error's message is filled in later).</summary>
    private sealed record ParameterChange(ScenarioError At, string Parameter);

    /// <summary>A problem that stands only if no variant has <paramref name="Key"/> live (see <see cref="ScenarioValidator.Live"/>).</summary>
    private sealed record IdleProblem(string Key, ScenarioError Error);

    /// <summary>A region as written: its valid overrides by path, applied to each variant's tree.</summary>
    private sealed record RegionEntry(string Name, IReadOnlyList<(string[] Segments, YamlNode Value)> Set);

    /// <summary>A variant as written: its overrides are applied later, to the base tree after command-line overrides.</summary>
    private sealed record VariantEntry(string Name, string Description, YamlMappingNode Set)
    {
        /// <summary>The grid coordinates of a variant that a sweep made; empty for a declared variant.</summary>
        public ImmutableArray<SweepSetting> Sweep { get; init; } = [];
    }
}
