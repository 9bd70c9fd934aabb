namespace Hcsim.Engine.Agents;

/// <summary>
/// The population and its contact structure, read-only once built and shared by every variant and replicate.
/// Agents are indices 0..Size-1, sorted by household, so household h is the range
/// <c>[HouseholdStart[h], HouseholdStart[h+1])</c>. The community graph is CSR and symmetric.
/// </summary>
public sealed class World
{
    public World(byte[] ageYears, int[] householdStart, int[] householdOf, GroupLayer work, GroupLayer school, CommunityGraph community)
    {
        if (householdStart.Length < 1 || householdStart[^1] != ageYears.Length)
        {
            throw new ArgumentException("household ranges must cover every agent", nameof(householdStart));
        }
        AgeYears = ageYears;
        HouseholdStart = householdStart;
        Work = work;
        School = school;
        HouseholdOf = householdOf;
        Community = community;
    }

    public int Size => AgeYears.Length;
    public byte[] AgeYears { get; }
    public int[] HouseholdStart { get; }
    public int[] HouseholdOf { get; }
    public int HouseholdCount => HouseholdStart.Length - 1;
    public GroupLayer Work { get; }
    public GroupLayer School { get; }
    public CommunityGraph Community { get; }
    /// <summary>The people table the world was read from (population.from_file), with its district and attribute columns; null when synthesised.</summary>
    public People.PeopleTable? Table { get; init; }

    /// <summary>Each agent's household number, from the households' index ranges.</summary>
    public static int[] HouseholdIndex(int[] householdStart)
    {
        var householdOf = new int[householdStart[^1]];
        for (var h = 0; h + 1 < householdStart.Length; h++)
        {
            householdOf.AsSpan(householdStart[h], householdStart[h + 1] - householdStart[h]).Fill(h);
        }
        return householdOf;
    }

    /// <summary>Every community neighbour of an agent (for tests and tools; the contact loop reads the graph directly).</summary>
    public List<int> CommunityOf(int agent) => Community.NeighboursOf(agent, HouseholdStart, HouseholdOf);

    /// <summary>
    /// Builds a world from explicit parts, for tests and library users: households as sizes (agents are numbered
    /// household by household), work and school groups per agent (-1 none), community edges as pairs.
    /// </summary>
    public static World FromParts(byte[] ageYears, int[] householdSizes, int[] workGroupOf, int[] schoolGroupOf, (int A, int B)[] communityEdges)
    {
        var householdStart = new int[householdSizes.Length + 1];
        for (var h = 0; h < householdSizes.Length; h++)
        {
            householdStart[h + 1] = householdStart[h] + householdSizes[h];
        }
        var work = GroupLayer.FromAssignment(workGroupOf, workGroupOf.Length == 0 ? 0 : workGroupOf.Max() + 1);
        var school = GroupLayer.FromAssignment(schoolGroupOf, schoolGroupOf.Length == 0 ? 0 : schoolGroupOf.Max() + 1);
        return new World(ageYears, householdStart, HouseholdIndex(householdStart), work, school, CommunityGraph.FromEdges(ageYears.Length, communityEdges));
    }
}
