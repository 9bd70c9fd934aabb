using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.People;

/// <summary>
/// Outputs by attribute: each day, after the metrics, counts the living people holding a non-first colour (flagged)
/// with and without the boolean attribute marked <c>split_outputs</c>, and the living people holding it. On only when
/// an attribute is marked; the counts are integers summed over fixed index ranges, so the thread count cannot change them.
/// </summary>
public sealed class AttributeOutputsPhase : IDayPhase
{
    public static readonly PartColumn FlaggedWith = new("flagged_with_attribute",
        "Living people holding a non-first colour at the end of the day who hold the boolean attribute marked `split_outputs` (present only when one is).");
    public static readonly PartColumn FlaggedWithout = new("flagged_without_attribute",
        "Living people holding a non-first colour at the end of the day who do not hold the attribute marked `split_outputs`; flagged_with_attribute + flagged_without_attribute = flagged.");
    public static readonly PartColumn PeopleWith = new("people_with_attribute",
        "Living people at the end of the day who hold the attribute marked `split_outputs` (the denominator of flagged_with_attribute).");

    /// <summary>The part's daily columns, in file order.</summary>
    public static readonly PartColumn[] Columns = [FlaggedWith, FlaggedWithout, PeopleWith];

    private readonly int _column;
    private readonly int[] _flaggedWith;
    private readonly int[] _flaggedWithout;
    private readonly int[] _peopleWith;

    /// <param name="column">The boolean attribute's column (<see cref="DeclaredAttribute.Column"/>).</param>
    public AttributeOutputsPhase(int column, DailyMetrics daily)
    {
        _column = column;
        _flaggedWith = daily.AddPartColumn(FlaggedWith);
        _flaggedWithout = daily.AddPartColumn(FlaggedWithout);
        _peopleWith = daily.AddPartColumn(PeopleWith);
    }

    public string Name => "attribute_outputs";

    /// <summary>The name of the attribute whose outputs are split, or null when none is marked.</summary>
    public static string? SplitAttribute(ModelConfig model)
    {
        foreach (var (name, attribute) in model.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (attribute.SplitOutputs)
            {
                return name;
            }
        }
        return null;
    }

    public void Step(SimulationState state, int day)
    {
        var holds = state.Attributes!.FlagColumn(_column);
        ReadOnlySpan<byte> colour = state.Agents.Colour;
        ReadOnlySpan<DiseaseStage> stage = state.Agents.Stage;
        int with = 0, without = 0, people = 0;
        for (var i = 0; i < colour.Length; i++)
        {
            if (stage[i] == DiseaseStage.Dead)
            {
                continue;
            }
            var h = holds[i];
            people += h;
            if (colour[i] != 0)
            {
                with += h;
                without += 1 - h;
            }
        }
        _flaggedWith[day] = with;
        _flaggedWithout[day] = without;
        _peopleWith[day] = people;
    }
}
