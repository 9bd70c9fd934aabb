using Hcsim.Engine.Scenarios.Schema;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Checks that a dotted path names a model setting holding a number (<c>background_illness.daily_rate</c>,
/// <c>policy.params.red_days</c>, a declared parameter only), for the sections that vary settings by path:
/// <c>calibration</c> (fits) and <c>search</c> (varies).
/// </summary>
internal static class NumberSettingPath
{
    /// <summary>Why <paramref name="path"/> is not a number setting of <paramref name="model"/>, or null (then <paramref name="setting"/> is its setting).</summary>
    /// <param name="section">The section asking, in messages (<c>calibration</c>).</param>
    /// <param name="verb">What the section does with the setting, in messages (<c>calibration fits</c>).</param>
    /// <param name="wholeNumbers">Whether settings holding whole numbers (<c>days</c>, counts) are accepted too.</param>
    public static string? FindProblem(string path, ModelConfig model, string section, string verb, bool wholeNumbers, out Setting? setting)
    {
        setting = null;
        var segments = path.Split('.');
        var problem = SettingNames.FindProperty(typeof(ModelConfig), segments[0]) is null
            ? SettingNames.UnknownMessage("setting", segments[0], SettingNames.KeysOf(typeof(ModelConfig)))
            : SettingPath.FindProblem(typeof(ModelConfig), segments, 0);
        if (problem is null && segments is ["policy", "params", var name])
        {
            problem = PolicyParameters.UndeclaredProblem(name, [.. model.Policy.Params.Keys.Order(StringComparer.Ordinal)], section);
        }
        var found = problem is null ? ScenarioSchema.Find(ScenarioSchema.Model, segments) : null;
        if (problem is null && !(found?.Kind == SettingKind.Number || (wholeNumbers && found?.Kind == SettingKind.Integer)))
        {
            problem = $"'{path}' holds {found?.Kind.ToString().ToLowerInvariant() ?? "no value"}, not a number; {verb} settings that hold a number";
        }
        setting = problem is null ? found : null;
        return problem;
    }
}
