namespace Hcsim.Engine.Scenarios;

/// <summary>A number written in a rule action, either literally (<c>3</c>) or as a policy parameter's name (<c>trace_days</c>).</summary>
public readonly record struct NumberOrParameter(double? Value, string? Parameter)
{
    public static NumberOrParameter Of(double value) => new(value, null);
    public static NumberOrParameter Named(string parameter) => new(null, parameter);
    public override string ToString() => Parameter ?? Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
