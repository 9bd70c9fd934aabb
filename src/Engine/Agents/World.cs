namespace Hcsim.Engine.Agents;

/// <summary>
/// The population and its contact structure, read-only once built and shared by every variant and replicate.
/// Agents are indices 0..Size-1, sorted by household, so household h is the range
/// <c>[HouseholdStart[h], HouseholdStart[h+1])</c>. The community graph is CSR and symmetric.
/// </summary>
public sealed class World
{
    public World(byte[] ageYears, int[] householdStart, GroupLayer work, GroupLayer school, int[] communityStart, int[] communityNeighbours)
    {
        if (householdStart.Length < 1 || householdStart[^1] != ageYears.Length)
        {
            throw new ArgumentException("household ranges must cover every agent", nameof(householdStart));
        }
        AgeYears = ageYears;
        HouseholdStart = householdStart;
        Work = work;
        School = school;
        CommunityStart = communityStart;
        CommunityNeighbours = communityNeighbours;
        HouseholdOf = new int[ageYears.Length];
        for (var h = 0; h + 1 < householdStart.Length; h++)
        {
            HouseholdOf.AsSpan(householdStart[h], householdStart[h + 1] - householdStart[h]).Fill(h);
        }
    }

    public int Size => AgeYears.Length;
    public byte[] AgeYears { get; }
    public int[] HouseholdStart { get; }
    public int[] HouseholdOf { get; }
    public int HouseholdCount => HouseholdStart.Length - 1;
    public GroupLayer Work { get; }
    public GroupLayer School { get; }
    public int[] CommunityStart { get; }
    public int[] CommunityNeighbours { get; }

    public ReadOnlySpan<int> CommunityOf(int agent) =>
        CommunityNeighbours.AsSpan(CommunityStart[agent], CommunityStart[agent + 1] - CommunityStart[agent]);

    /// <summary>Mean community degree, used to turn contacts per day into a daily edge probability.</summary>
    public double MeanCommunityDegree => Size == 0 ? 0 : (double)CommunityNeighbours.Length / Size;

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
        var (start, neighbours) = CommunityGraph.FromEdges(ageYears.Length, communityEdges);
        return new World(ageYears, householdStart, work, school, start, neighbours);
    }
}
