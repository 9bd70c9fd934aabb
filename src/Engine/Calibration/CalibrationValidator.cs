using System.Collections.Immutable;
using System.Globalization;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Scenarios.Schema;

namespace Hcsim.Engine.Calibration;

/// <summary>
/// Checks a bound <c>calibration</c> section against the base model: setting paths that exist and hold numbers, priors
/// with their numbers and inside the setting's range, known metrics, day windows inside the run, series files that
/// read. Reads each target's series CSV (relative to the scenario file) into <see cref="CalibrationTargetConfig.SeriesPoints"/>.
/// </summary>
internal sealed class CalibrationValidator
{
    private const string Section = "calibration";
    private readonly List<SettingProblem> _problems = [];

    public IReadOnlyList<SettingProblem> Problems => _problems;

    /// <param name="sourceName">The scenario file (series paths are relative to its folder).</param>
    public CalibrationConfig Validate(CalibrationConfig config, ModelConfig model, string sourceName)
    {
        var schema = ScenarioSchema.File.Child(Section)!;
        var validator = new ScenarioValidator();
        validator.ValidateSetting(schema, config, Section);
        _problems.AddRange(validator.Problems);
        if (config.Parameters.IsDefaultOrEmpty)
        {
            Add($"{Section}.parameters", "is required: list at least one setting to fit (- path: background_illness.daily_rate, min: ..., max: ...)");
        }
        if (config.Targets.IsDefaultOrEmpty)
        {
            Add($"{Section}.targets", "is required: list at least one observed value to reproduce (- name: ..., metric: ..., observed: ..., sd: ...)");
        }
        var paths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < config.Parameters.Length; i++)
        {
            var parameter = config.Parameters[i];
            var at = $"{Section}.parameters[{i}]";
            if (!paths.Add(parameter.Path))
            {
                Add($"{at}.path", $"'{parameter.Path}' is fitted twice; list each setting once");
            }
            ValidateParameter(parameter, model, at);
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var daily = TargetMetric.DailyNames(model);
        var summary = TargetMetric.SummaryNames(model);
        var targets = (config.Targets.IsDefault ? ImmutableArray<CalibrationTargetConfig>.Empty : config.Targets).ToBuilder();
        for (var i = 0; i < targets.Count; i++)
        {
            var at = $"{Section}.targets[{i}]";
            if (!names.Add(targets[i].Name))
            {
                Add($"{at}.name", $"'{targets[i].Name}' names two targets; give each target its own name");
            }
            targets[i] = ValidateTarget(targets[i], model, daily, summary, sourceName, at);
        }
        return config with { Targets = targets.ToImmutable() };
    }

    private void ValidateParameter(CalibrationParameterConfig parameter, ModelConfig model, string at)
    {
        if (parameter.Path.Length == 0)
        {
            Add($"{at}.path", "is required: the setting to fit, by path (background_illness.daily_rate)");
            return;
        }
        var problem = NumberSettingPath.FindProblem(parameter.Path, model, "calibration", "calibration fits", wholeNumbers: false, out var setting);
        if (problem is not null)
        {
            Add($"{at}.path", problem);
            return;
        }
        var needs = parameter.Prior switch
        {
            "normal" => new[] { ("mean", parameter.Mean), ("sd", parameter.Sd) },
            "lognormal" => [("mu", parameter.Mu), ("sigma", parameter.Sigma)],
            "beta" => [("alpha", parameter.Alpha), ("beta", parameter.Beta)],
            _ => [("min", parameter.Min), ("max", parameter.Max)],
        };
        foreach (var (key, value) in needs)
        {
            if (value is null)
            {
                Add($"{at}.{key}", $"is required by a {parameter.Prior} prior");
            }
        }
        var unused = new[] { ("mean", parameter.Mean), ("sd", parameter.Sd), ("mu", parameter.Mu), ("sigma", parameter.Sigma), ("alpha", parameter.Alpha), ("beta", parameter.Beta) }
            .Where(p => p.Item2 is not null && !needs.Any(n => n.Item1 == p.Item1));
        foreach (var (key, _) in unused)
        {
            Add($"{at}.{key}", $"is not used by a {parameter.Prior} prior; remove it or change the prior");
        }
        if (parameter.Min is { } min && parameter.Max is { } max && !(min < max))
        {
            Add($"{at}.max", $"must be above min ({Format(min)}): the range is empty, got {Format(max)}");
            return;
        }
        if (needs.Any(n => n.Item2 is null))
        {
            return;
        }
        var prior = new Prior(parameter);
        var low = setting!.Minimum ?? double.NegativeInfinity;
        var high = setting.Maximum ?? double.PositiveInfinity;
        if (prior.Lower < low || prior.Upper > high)
        {
            Add($"{at}.{(prior.Lower < low ? "min" : "max")}",
                $"the prior reaches [{Format(prior.Lower)}, {Format(prior.Upper)}] but {parameter.Path} must lie in [{Format(low)}, {Format(high)}]; give min and max inside that range");
        }
    }

    private CalibrationTargetConfig ValidateTarget(CalibrationTargetConfig target, ModelConfig model, IReadOnlyList<string> daily,
        IReadOnlyList<string> summary, string sourceName, string at)
    {
        if (target.Name.Length == 0)
        {
            Add($"{at}.name", "is required: the target's name, used in outputs and plots");
        }
        ImmutableArray<string> known = [.. daily, .. summary];
        foreach (var (key, metric) in new[] { ("metric", (string?)target.Metric), ("per", target.Per) })
        {
            if (metric is null)
            {
                continue;
            }
            if (metric.Length == 0)
            {
                Add($"{at}.{key}", "is required: a daily column (green, traced_infected) or a summary column (attack_rate, contact_yield)");
            }
            else if (!known.Contains(metric))
            {
                var hint = metric is "traced" or "traced_infected" or "traced_total" or "traced_infected_total" or "contact_yield"
                    ? " (it exists when a rule of the policy has a trace action)" : "";
                Add($"{at}.{key}", SettingNames.UnknownMessage("metric", metric, known) + hint);
            }
        }
        var lastDay = model.Days - 1;
        if (target.FromDay > lastDay || target.ToDay > lastDay)
        {
            Add($"{at}.{(target.FromDay > lastDay ? "from_day" : "to_day")}", $"is after the last simulated day ({lastDay}; days is {model.Days})");
        }
        if (target.ToDay is { } to && to < target.FromDay)
        {
            Add($"{at}.to_day", $"must not be before from_day ({target.FromDay}): the window is empty, got {to}");
        }
        if (target.Series is null && target.Observed is null)
        {
            Add($"{at}.observed", "is required: the observed value (or give 'series', a CSV of day,value rows)");
        }
        if (target.Series is not null && target.Observed is not null)
        {
            Add($"{at}.series", "and 'observed' are both given; a target compares either one value or a series");
        }
        if (!(target.Sd > 0))
        {
            Add($"{at}.sd", $"is required and must be above 0: the uncertainty of the observed value, got {Format(target.Sd)}");
        }
        return target.Series is { } series ? target with { SeriesPoints = ReadSeries(series, sourceName, lastDay, $"{at}.series") } : target;
    }

    private ImmutableArray<SeriesPoint> ReadSeries(string series, string sourceName, int lastDay, string at)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(sourceName)) ?? ".";
        var path = Path.IsPathRooted(series) ? series : Path.Combine(folder, series);
        if (!File.Exists(path))
        {
            Add(at, $"file '{series}' not found (looked for {path}); series paths are relative to the scenario file");
            return [];
        }
        var points = ImmutableArray.CreateBuilder<SeriesPoint>();
        var lines = File.ReadAllLines(path);
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || (n == 0 && !char.IsDigit(line[0])))
            {
                continue;
            }
            var cells = line.Split(',');
            if (cells.Length < 2 || !int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var day)
                || !double.TryParse(cells[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                Add(at, $"{series} line {n + 1}: expected 'day,value' (a whole day and a number), got '{line}'");
                return [];
            }
            if (day < 0 || day > lastDay)
            {
                Add(at, $"{series} line {n + 1}: day {day} is outside the simulated days 0..{lastDay}");
                return [];
            }
            points.Add(new SeriesPoint(day, value));
        }
        if (points.Count == 0)
        {
            Add(at, $"{series} has no 'day,value' rows");
        }
        return points.ToImmutable();
    }

    private void Add(string path, string message) => _problems.Add(new SettingProblem(path, message));

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
