namespace Hcsim.Engine.Rules;

public static class RuleTriggers
{
    /// <summary>The core parts' trigger names, indexed by <see cref="RuleTrigger"/>.</summary>
    public static readonly string[] Names = [.. RuleRegistry.Core().Triggers.Select(t => t.Name)];

    public static bool TryParse(string name, out RuleTrigger trigger)
    {
        var index = Array.IndexOf(Names, name);
        trigger = (RuleTrigger)Math.Max(index, 0);
        return index >= 0;
    }
}
