using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Phases;

/// <summary>
/// Fills today's row of <see cref="Metrics.DailyMetrics"/>: a scan of every agent in fixed chunks (in parallel, integer
/// counts merged in chunk order) plus today's event counters, which it then resets. Confinement is counted as it stands
/// at the end of the day, i.e. in force on day + 1. Flagged and confined people are split by infection status at the
/// end of the day: never infected (susceptible), infected (exposed or infectious), recovered. A person counted as
/// confined gets the <see cref="AgentMarks.EverConfined"/> mark (and <see cref="AgentMarks.ConfinedWhileInfected"/>
/// when infected), which the run summary counts; each chunk writes only its own people's marks.
/// </summary>
public sealed class MetricsPhase : IDayPhase
{
    private const int ChunkSize = 1 << 15;
    private const int Susceptible = 0;
    private const int Exposed = 1;
    private const int Infectious = 2;
    private const int Recovered = 3;
    private const int Dead = 4;
    private const int QuarantinedHome = 5;
    private const int QuarantinedCentral = 6;
    private const int Flagged = 7;
    // Three counters each, indexed by infection status: never infected, infected, recovered (see StatusOf).
    private const int FlaggedByStatus = 8;
    private const int ConfinedByStatus = 11;
    private const int InfectiousFree = 14;
    private const int InfectiousUnflagged = 15;
    private const int FirstColour = 16;

    private const int NeverInfected = 0;
    private const int Infected = 1;
    private const int RecoveredStatus = 2;

    private readonly int _width;
    private int[][] _chunkCounts = [];

    public MetricsPhase(int colours)
    {
        _width = FirstColour + colours;
    }

    public string Name => "metrics";

    public void Step(SimulationState state, int day)
    {
        var chunks = (state.Agents.Size + ChunkSize - 1) / ChunkSize;
        if (_chunkCounts.Length != chunks)
        {
            _chunkCounts = new int[chunks][];
            for (var c = 0; c < chunks; c++)
            {
                _chunkCounts[c] = new int[_width];
            }
        }
        var count = new CountChunk { State = state, Day = day, ChunkCounts = _chunkCounts };
        ChunkedLoop.Run(chunks, state.Parallel, ref count);

        Span<int> total = stackalloc int[_width];
        total.Clear();
        foreach (var counts in _chunkCounts)
        {
            for (var k = 0; k < _width; k++)
            {
                total[k] += counts[k];
            }
        }
        var daily = state.Daily;
        daily.Susceptible[day] = total[Susceptible];
        daily.Exposed[day] = total[Exposed];
        daily.Infectious[day] = total[Infectious];
        daily.Recovered[day] = total[Recovered];
        daily.Dead[day] = total[Dead];
        daily.QuarantinedHome[day] = total[QuarantinedHome];
        daily.QuarantinedCentral[day] = total[QuarantinedCentral];
        daily.Flagged[day] = total[Flagged];
        daily.FlaggedNeverInfected[day] = total[FlaggedByStatus + NeverInfected];
        daily.FlaggedInfected[day] = total[FlaggedByStatus + Infected];
        daily.FlaggedRecovered[day] = total[FlaggedByStatus + RecoveredStatus];
        daily.ConfinedNeverInfected[day] = total[ConfinedByStatus + NeverInfected];
        daily.ConfinedInfected[day] = total[ConfinedByStatus + Infected];
        daily.ConfinedRecovered[day] = total[ConfinedByStatus + RecoveredStatus];
        daily.InfectiousFree[day] = total[InfectiousFree];
        daily.InfectiousUnflagged[day] = total[InfectiousUnflagged];
        for (var c = 0; c < daily.Colours.Length; c++)
        {
            daily.ColourCounts[c][day] = total[FirstColour + c];
            daily.NewColour[c][day] = state.Today.NewColour[c];
        }
        daily.NewInfections[day] = state.Today.NewInfections;
        daily.Tests[day] = state.Today.TestsReported;
        daily.PositiveTests[day] = state.Today.PositiveTests;
        daily.PositiveTestsNeverInfected[day] = state.Today.PositiveTestsNeverInfected;
        daily.PositiveTestsInfected[day] = state.Today.PositiveTestsInfected;
        daily.PositiveTestsRecovered[day] = state.Today.PositiveTestsRecovered;
        state.Today.Reset();
    }

    private static void Count(SimulationState state, int day, int[] counts, int chunk)
    {
        var tomorrow = day + 1;
        var agents = state.Agents;
        var stage = agents.Stage;
        var colour = agents.Colour;
        Array.Clear(counts);
        var quarantine = agents.Confinement;
        var marks = agents.Marks;
        var end = Math.Min(agents.Size, (chunk + 1) * ChunkSize);
        // Most people hold the first colour and were never confined: for them only the stage matters.
        Span<int> plain = stackalloc int[8];
        plain.Clear();
        for (var i = chunk * ChunkSize; i < end; i++)
        {
            var s = stage[i];
            if (colour[i] == 0 && quarantine[i] == ConfinementKind.None)
            {
                plain[(int)s]++;
                continue;
            }
            switch (s)
            {
                case DiseaseStage.Susceptible: counts[Susceptible]++; break;
                case DiseaseStage.Exposed: counts[Exposed]++; break;
                case DiseaseStage.Recovered: counts[Recovered]++; break;
                case DiseaseStage.Dead: counts[Dead]++; continue;
                default: counts[Infectious]++; break;
            }
            var c = colour[i];
            counts[FirstColour + c]++;
            var status = StatusOf(s);
            var infectious = DiseaseStages.IsInfectious(s);
            if (c != 0)
            {
                counts[Flagged]++;
                counts[FlaggedByStatus + status]++;
            }
            else if (infectious)
            {
                counts[InfectiousUnflagged]++;
            }
            var confinement = agents.ConfinementOn(i, tomorrow);
            if (confinement != ConfinementKind.None)
            {
                counts[confinement == ConfinementKind.Home ? QuarantinedHome : QuarantinedCentral]++;
                counts[ConfinedByStatus + status]++;
                marks[i] |= status == Infected ? AgentMarks.EverConfined | AgentMarks.ConfinedWhileInfected : AgentMarks.EverConfined;
            }
            else if (infectious)
            {
                counts[InfectiousFree]++;
            }
        }
        var plainInfectious = plain[(int)DiseaseStage.Presymptomatic] + plain[(int)DiseaseStage.Symptomatic] + plain[(int)DiseaseStage.Asymptomatic];
        counts[Susceptible] += plain[(int)DiseaseStage.Susceptible];
        counts[Exposed] += plain[(int)DiseaseStage.Exposed];
        counts[Infectious] += plainInfectious;
        counts[Recovered] += plain[(int)DiseaseStage.Recovered];
        counts[Dead] += plain[(int)DiseaseStage.Dead];
        counts[InfectiousFree] += plainInfectious;
        counts[InfectiousUnflagged] += plainInfectious;
        // The dead are counted only as dead, never in a colour.
        var alive = 0;
        for (var k = 0; k < (int)DiseaseStage.Dead; k++)
        {
            alive += plain[k];
        }
        counts[FirstColour] += alive;
    }

    /// <summary>Never infected (susceptible), infected (exposed or infectious) or recovered; never called for the dead.</summary>
    private static int StatusOf(DiseaseStage s) => s switch
    {
        DiseaseStage.Susceptible => NeverInfected,
        DiseaseStage.Recovered => RecoveredStatus,
        _ => Infected,
    };

    private struct CountChunk : IChunkBody
    {
        public SimulationState State;
        public int Day;
        public int[][] ChunkCounts;

        public readonly void Run(int chunk) => Count(State, Day, ChunkCounts[chunk], chunk);
    }
}
