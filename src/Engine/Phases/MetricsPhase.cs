using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Phases;

/// <summary>
/// Fills today's row of <see cref="Metrics.DailyMetrics"/>: a scan of every agent in fixed chunks (in parallel, integer
/// counts merged in chunk order) plus today's event counters, which it then resets. People of the first colour who are
/// free tomorrow are counted by stage 32 at a time from the byte columns; only the others are looked at one by one. Confinement is counted as it stands
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
        var start = chunk * ChunkSize;
        var end = Math.Min(agents.Size, (chunk + 1) * ChunkSize);
        // Most people hold the first colour and are free tomorrow: for them only the stage matters.
        Span<int> plain = stackalloc int[8];
        plain.Clear();
        var i = Vector256.IsHardwareAccelerated ? CountBlocks(agents, tomorrow, start, end, counts, plain) : start;
        for (; i < end; i++)
        {
            if (colour[i] == 0 && quarantine[i] == ConfinementKind.None)
            {
                plain[(int)stage[i]]++;
                continue;
            }
            CountFlaggedOrConfined(agents, i, tomorrow, counts);
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

    /// <summary>
    /// Counts people [start, end) in blocks of 32 with byte-column compares; returns where the scalar tail starts. A
    /// person of the first colour who is free tomorrow (never confined, or both remembered spells over by tomorrow) is
    /// counted by stage alone in <paramref name="plain"/> (the infectious stages all in the presymptomatic slot); the
    /// others, usually few, one by one.
    /// </summary>
    private static int CountBlocks(AgentState agents, int tomorrow, int start, int end, int[] counts, Span<int> plain)
    {
        ReadOnlySpan<byte> stage = MemoryMarshal.AsBytes(agents.Stage.AsSpan());
        ReadOnlySpan<byte> colour = agents.Colour;
        ReadOnlySpan<byte> quarantine = MemoryMarshal.AsBytes(agents.Confinement.AsSpan());
        ReadOnlySpan<ushort> spellEnd = agents.ConfinementEndDay;
        ReadOnlySpan<ushort> previousEnd = agents.PreviousConfinementEndDay;
        var byTomorrow = Vector256.Create((ushort)tomorrow);
        var susceptible = Vector256.Create((byte)DiseaseStage.Susceptible);
        var exposed = Vector256.Create((byte)DiseaseStage.Exposed);
        var recovered = Vector256.Create((byte)DiseaseStage.Recovered);
        var dead = Vector256.Create((byte)DiseaseStage.Dead);
        int plainAll = 0, plainSusceptible = 0, plainExposed = 0, plainRecovered = 0, plainDead = 0;
        var i = start;
        for (; i + 32 <= end; i += 32)
        {
            var flagged = ~Vector256.Equals(Vector256.Create(colour[i..]), Vector256<byte>.Zero).ExtractMostSignificantBits();
            var everConfined = ~Vector256.Equals(Vector256.Create(quarantine[i..]), Vector256<byte>.Zero).ExtractMostSignificantBits();
            var special = flagged;
            var unflaggedConfined = everConfined & ~flagged;
            if (unflaggedConfined != 0)
            {
                // Confined tomorrow only if a remembered spell ends after tomorrow (the kind byte alone says "ever").
                var low = Vector256.GreaterThan(Vector256.Create(spellEnd[i..]), byTomorrow) | Vector256.GreaterThan(Vector256.Create(previousEnd[i..]), byTomorrow);
                var high = Vector256.GreaterThan(Vector256.Create(spellEnd[(i + 16)..]), byTomorrow) | Vector256.GreaterThan(Vector256.Create(previousEnd[(i + 16)..]), byTomorrow);
                special |= unflaggedConfined & (low.ExtractMostSignificantBits() | (high.ExtractMostSignificantBits() << 16));
            }
            var ordinary = ~special;
            var s = Vector256.Create(stage[i..]);
            plainAll += BitOperations.PopCount(ordinary);
            plainSusceptible += BitOperations.PopCount(Vector256.Equals(s, susceptible).ExtractMostSignificantBits() & ordinary);
            plainExposed += BitOperations.PopCount(Vector256.Equals(s, exposed).ExtractMostSignificantBits() & ordinary);
            plainRecovered += BitOperations.PopCount(Vector256.Equals(s, recovered).ExtractMostSignificantBits() & ordinary);
            plainDead += BitOperations.PopCount(Vector256.Equals(s, dead).ExtractMostSignificantBits() & ordinary);
            while (special != 0)
            {
                CountFlaggedOrConfined(agents, i + BitOperations.TrailingZeroCount(special), tomorrow, counts);
                special &= special - 1;
            }
        }
        plain[(int)DiseaseStage.Susceptible] += plainSusceptible;
        plain[(int)DiseaseStage.Exposed] += plainExposed;
        plain[(int)DiseaseStage.Presymptomatic] += plainAll - plainSusceptible - plainExposed - plainRecovered - plainDead;
        plain[(int)DiseaseStage.Recovered] += plainRecovered;
        plain[(int)DiseaseStage.Dead] += plainDead;
        return i;
    }

    /// <summary>One person who is flagged or may be confined tomorrow (also right for anyone else, only slower).</summary>
    private static void CountFlaggedOrConfined(AgentState agents, int i, int tomorrow, int[] counts)
    {
        var s = agents.Stage[i];
        switch (s)
        {
            case DiseaseStage.Susceptible: counts[Susceptible]++; break;
            case DiseaseStage.Exposed: counts[Exposed]++; break;
            case DiseaseStage.Recovered: counts[Recovered]++; break;
            case DiseaseStage.Dead: counts[Dead]++; return;
            default: counts[Infectious]++; break;
        }
        var c = agents.Colour[i];
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
            agents.Marks[i] |= status == Infected ? AgentMarks.EverConfined | AgentMarks.ConfinedWhileInfected : AgentMarks.EverConfined;
        }
        else if (infectious)
        {
            counts[InfectiousFree]++;
        }
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
