using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Phases;

/// <summary>
/// Daily check-ins: each living person checks in with probability p (stream <see cref="RngStream.CheckIn"/>); one with
/// fever reports it with probability h (stream <see cref="RngStream.FeverReport"/>). A person in central isolation
/// today is checked by staff instead: with probability <c>central_check_probability</c>, and a fever found with
/// <c>central_fever_detection_probability</c> (the same streams and draws, other thresholds). The healthy streak grows
/// by one on a check-in without a fever report and drops to zero otherwise. Runs over fixed chunks of agents in
/// parallel; fever reports are merged in chunk order, so the list is ascending whatever the thread count.
/// </summary>
public sealed class CheckInPhase : IDayPhase
{
    private const int ChunkSize = 1 << 15;

    private readonly double _probability;
    private readonly double _reportProbability;
    private readonly double _centralProbability;
    private readonly double _centralReportProbability;
    private List<int>[] _chunkReports = [];

    public CheckInPhase(CheckInConfig config)
    {
        _probability = config.Probability;
        _reportProbability = config.FeverReportProbability;
        _centralProbability = config.CentralCheckProbability;
        _centralReportProbability = config.CentralFeverDetectionProbability;
    }

    public string Name => "checkin";

    public void Step(SimulationState state, int day)
    {
        var chunks = (state.Agents.Size + ChunkSize - 1) / ChunkSize;
        if (_chunkReports.Length != chunks)
        {
            _chunkReports = new List<int>[chunks];
            for (var c = 0; c < chunks; c++)
            {
                _chunkReports[c] = [];
            }
        }
        var checkIn = new CheckInChunk { Phase = this, State = state, Day = day };
        ChunkedLoop.Run(chunks, state.Parallel, ref checkIn);
        state.FeverReports.Clear();
        foreach (var reports in _chunkReports)
        {
            state.FeverReports.AddRange(reports);
        }
    }

    private void CheckIn(SimulationState state, int day, int chunk)
    {
        var agents = state.Agents;
        var stage = agents.Stage;
        var fever = agents.FeverEndDay;
        var streak = agents.HealthyStreak;
        var checkInDay = agents.CheckInDay;
        var reportDay = agents.FeverReportDay;
        var reports = _chunkReports[chunk];
        reports.Clear();
        var today = AgentState.Day(day);
        var checkInKey = CounterRng.DayKey(state.Seed, RngStream.CheckIn, day);
        var reportKey = CounterRng.DayKey(state.Seed, RngStream.FeverReport, day);
        var checkInThreshold = CounterRng.Threshold(_probability);
        var reportThreshold = CounterRng.Threshold(_reportProbability);
        var centralCheckInThreshold = CounterRng.Threshold(_centralProbability);
        var centralReportThreshold = CounterRng.Threshold(_centralReportProbability);
        var end = Math.Min(agents.Size, (chunk + 1) * ChunkSize);
        for (var i = chunk * ChunkSize; i < end; i++)
        {
            if (stage[i] == DiseaseStage.Dead)
            {
                continue;
            }
            var central = agents.ConfinementOn(i, day) == ConfinementKind.Central;
            if (CounterRng.Keyed(checkInKey, (ulong)i) >= (central ? centralCheckInThreshold : checkInThreshold))
            {
                streak[i] = 0;
                continue;
            }
            checkInDay[i] = today;
            if (day < fever[i] && CounterRng.Keyed(reportKey, (ulong)i) < (central ? centralReportThreshold : reportThreshold))
            {
                reportDay[i] = today;
                streak[i] = 0;
                reports.Add(i);
            }
            else
            {
                streak[i]++;
            }
        }
    }

    private struct CheckInChunk : IChunkBody
    {
        public CheckInPhase Phase;
        public SimulationState State;
        public int Day;

        public readonly void Run(int chunk) => Phase.CheckIn(State, Day, chunk);
    }
}
