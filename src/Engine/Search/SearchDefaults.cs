namespace Hcsim.Engine.Search;

/// <summary>The defaults of the <c>search</c> section.</summary>
public static class SearchDefaults
{
    public const int PopulationSize = 16;
    public const int Generations = 5;
    public const int Replicates = 3;
}
