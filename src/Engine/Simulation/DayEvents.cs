namespace Hcsim.Engine.Simulation;

/// <summary>Counts of today's events, reset at the start of each day and read by the metrics phase.</summary>
public sealed class DayEvents
{
    public DayEvents(int colours)
    {
        NewColour = new int[colours];
    }

    public int NewInfections { get; set; }
    public int TestsReported { get; set; }
    public int PositiveTests { get; set; }
    /// <summary>Positive results today by the person's stage on the sampling day: susceptible, infected, recovered.</summary>
    public int PositiveTestsNeverInfected { get; set; }
    public int PositiveTestsInfected { get; set; }
    public int PositiveTestsRecovered { get; set; }
    /// <summary>People whose colour became c today, by colour index.</summary>
    public int[] NewColour { get; }

    public void Reset()
    {
        NewInfections = 0;
        TestsReported = 0;
        PositiveTests = 0;
        PositiveTestsNeverInfected = 0;
        PositiveTestsInfected = 0;
        PositiveTestsRecovered = 0;
        Array.Clear(NewColour);
    }
}
