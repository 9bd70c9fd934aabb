namespace Hcsim.Engine.Agents;

/// <summary>The entries a <see cref="Csr"/> is built from: entry k goes to row <see cref="RowOf"/>(k) (negative: none).</summary>
public interface ICsrEntries
{
    int Count { get; }
    int RowOf(int entry);
    int ValueOf(int entry);
}
