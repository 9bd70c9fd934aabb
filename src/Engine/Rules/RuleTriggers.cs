namespace Hcsim.Engine.Rules;

public static class RuleTriggers
{
    public static readonly string[] Names = ["checkin", "fever_report", "test_result", "traced", "daily"];

    public static bool TryParse(string name, out RuleTrigger trigger)
    {
        var index = Array.IndexOf(Names, name);
        trigger = (RuleTrigger)Math.Max(index, 0);
        return index >= 0;
    }
}
