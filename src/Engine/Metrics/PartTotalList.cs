using System.Collections.ObjectModel;

namespace Hcsim.Engine.Metrics;

/// <summary>
/// A run's part totals in file order, equal to another list with the same totals in the same order, so that a
/// <see cref="RunSummary"/> read back from a saved run (resume, cluster parts) equals the one saved.
/// </summary>
public sealed class PartTotalList : Collection<PartTotal>, IEquatable<PartTotalList>
{
    public PartTotalList()
    {
    }

    public PartTotalList(IEnumerable<PartTotal> totals)
        : base([.. totals])
    {
    }

    public bool Equals(PartTotalList? other) => other is not null && this.SequenceEqual(other);

    public override bool Equals(object? obj) => Equals(obj as PartTotalList);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var total in this)
        {
            hash.Add(total);
        }
        return hash.ToHashCode();
    }
}
