using Hcsim.Engine.Agents;

namespace Hcsim.Engine.Tests.Agents;

public sealed class CsrTests
{
    [Fact]
    public void FromGroupOf_Assignment_ListsMembersInIndexOrderAndSkipsNone()
    {
        var (start, members) = Csr.FromGroupOf([1, -1, 0, 1, 0], groups: 2);

        Assert.Equal([0, 2, 4], start);
        Assert.Equal([2, 4, 0, 3], members);
    }

    [Fact]
    public void FromEdges_UndirectedEdges_ListsEachAtBothEndsSorted()
    {
        var (start, neighbours) = Csr.FromEdges(4, [2, 0, 0], [3, 3, 1], 3);

        Assert.Equal([0, 2, 3, 4, 6], start);
        Assert.Equal([1, 3, 0, 3, 0, 2], neighbours);
    }
}
