namespace Hcsim.Engine.Agents;

/// <summary>
/// A group layer (workplaces, school classes) as a membership CSR: group g's members are
/// <c>Members[Start[g]..Start[g+1])</c>, sorted; <c>GroupOf[i]</c> is agent i's group or -1.
/// </summary>
public sealed class GroupLayer
{
    public GroupLayer(int[] groupOf, int[] start, int[] members)
    {
        GroupOf = groupOf;
        Start = start;
        Members = members;
    }

    public int[] GroupOf { get; }
    public int[] Start { get; }
    public int[] Members { get; }
    public int GroupCount => Start.Length - 1;

    /// <summary>Builds the CSR from each agent's group (-1 for none); members come out in index order.</summary>
    public static GroupLayer FromAssignment(int[] groupOf, int groupCount)
    {
        var (start, members) = Csr.FromGroupOf(groupOf, groupCount);
        return new GroupLayer(groupOf, start, members);
    }

    public ReadOnlySpan<int> MembersOf(int group) => Members.AsSpan(Start[group], Start[group + 1] - Start[group]);
}
