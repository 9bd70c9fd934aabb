namespace Hcsim.Engine.Simulation;

/// <summary>The key (a person id) an item is grouped by in a <see cref="KeyRangeScatter{T}"/>.</summary>
public interface IKeyOf<T>
{
    int KeyOf(in T item);
}
