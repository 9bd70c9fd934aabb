using System.Collections.Immutable;

namespace Hcsim.Engine.People;

/// <summary>
/// The attributes a scenario declares, in name order (ordinal), each with its column: what the rule compiler binds
/// attribute names to, and the layout of <see cref="PersonAttributes"/>. The order does not depend on the file's order.
/// </summary>
public sealed class DeclaredAttributes
{
    private DeclaredAttributes(ImmutableArray<DeclaredAttribute> all)
    {
        All = all;
        Flags = all.Count(a => a.IsFlag);
        Numbers = all.Length - Flags;
    }

    public static DeclaredAttributes None { get; } = new([]);

    public ImmutableArray<DeclaredAttribute> All { get; }
    /// <summary>Boolean attributes (one byte column each).</summary>
    public int Flags { get; }
    /// <summary>Number attributes (one float column each).</summary>
    public int Numbers { get; }
    public bool IsEmpty => All.IsEmpty;

    public static DeclaredAttributes Of(ImmutableDictionary<string, AttributeConfig> attributes)
    {
        if (attributes.IsEmpty)
        {
            return None;
        }
        var all = ImmutableArray.CreateBuilder<DeclaredAttribute>(attributes.Count);
        var (flags, numbers) = (0, 0);
        foreach (var (name, config) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var isFlag = config.Kind != AttributeKinds.Number;
            all.Add(new DeclaredAttribute(name, isFlag, isFlag ? flags++ : numbers++));
        }
        return new DeclaredAttributes(all.MoveToImmutable());
    }

    public DeclaredAttribute? Find(string name)
    {
        foreach (var attribute in All)
        {
            if (attribute.Name == name)
            {
                return attribute;
            }
        }
        return null;
    }
}
