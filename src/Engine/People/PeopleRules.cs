namespace Hcsim.Engine.People;

/// <summary>
/// What the people part registers: the fact <c>score</c>. Declared attributes are facts too, by their own names, but
/// they come from the scenario, so the rule compiler binds them from <see cref="DeclaredAttributes"/>.
/// </summary>
public static class PeopleRules
{
    public static void Register(Rules.RuleRegistry.Builder rules) => rules
        .Fact("score", nameof(Rules.PersonFacts.Score), typeof(double), "the value of the scenario's `score` expression for the person today (needs `score`)");
}
