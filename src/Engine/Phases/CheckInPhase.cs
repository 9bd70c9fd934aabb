using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Phases;

/// <summary>
/// Daily check-ins: each living person checks in with probability p (stream <see cref="RngStream.CheckIn"/>); one with
/// fever reports it with probability h (stream <see cref="RngStream.FeverReport"/>). A person in central isolation
/// today is checked by staff instead (people without a code, who never check in themselves, included): with probability
/// <c>central_check_probability</c>, and a fever found with <c>central_fever_detection_probability</c> (the same streams and draws, other thresholds). The healthy streak grows
/// by one on a check-in without a fever report and drops to zero otherwise. Check-in fatigue multiplies p by
/// max(fatigue_floor, (1 - fatigue_per_day)^t), t the days since day 0 or since the person's colour last changed. Runs
/// over fixed chunks of agents in parallel; fever reports are merged in chunk order, so the list is ascending whatever the thread count. Every
/// check-in (staff checks included) is a record the code keeps: their count goes to <see cref="SimulationState.Records"/>
/// when the policy is on (without a health code nothing is recorded; people still report, so the streak is kept).
/// </summary>
public sealed class CheckInPhase : IDayPhase
{
    private const int ChunkSize = 1 << 15;

    private readonly double _probability;
    private readonly double _reportProbability;
    private readonly double _centralProbability;
    private readonly double _centralReportProbability;
    private readonly bool _recorded;
    private readonly double _fatiguePerDay;
    private readonly double _fatigueFloor;
    private readonly bool _fatigueByColour;
    /// <summary>Check-in thresholds after t days of fatigue, grown as days pass (empty without fatigue).</summary>
    private readonly List<ulong> _fatigued = [];
    private List<int>[] _chunkReports = [];
    private int[] _chunkCheckins = [];

    /// <param name="recorded">Whether check-ins are records of a health code (the policy is on).</param>
    public CheckInPhase(CheckInConfig config, bool recorded)
    {
        _recorded = recorded;
        _fatiguePerDay = config.FatiguePerDay;
        _fatigueFloor = config.FatigueFloor;
        _fatigueByColour = config.FatigueClock == "colour";
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
            _chunkCheckins = new int[chunks];
        }
        while (_fatiguePerDay > 0 && _fatigued.Count <= day)
        {
            var factor = Math.Max(_fatigueFloor, Math.Pow(1 - _fatiguePerDay, _fatigued.Count));
            _fatigued.Add(CounterRng.Threshold(_probability * factor));
        }
        var checkIn = new CheckInChunk { Phase = this, State = state, Day = day };
        ChunkedLoop.Run(chunks, state.Parallel, ref checkIn);
        state.FeverReports.Clear();
        foreach (var reports in _chunkReports)
        {
            state.FeverReports.AddRange(reports);
        }
        if (_recorded)
        {
            long checkins = 0;
            foreach (var count in _chunkCheckins)
            {
                checkins += count;
            }
            state.Records.AddCheckins(checkins);
        }
    }

    private void CheckIn(SimulationState state, int day, int chunk)
    {
        var agents = state.Agents;
        var stage = agents.Stage;
        var confinement = agents.Confinement;
        var fever = agents.FeverEndDay;
        var streak = agents.HealthyStreak;
        var checkInDay = agents.CheckInDay;
        var reportDay = agents.FeverReportDay;
        var reports = _chunkReports[chunk];
        reports.Clear();
        var codes = state.CodeHolders;
        // Nearly always everyone holds a code: then the per-person bit is not read at all.
        var everyoneHasCode = codes.WithoutCode == 0;
        var today = AgentState.Day(day);
        var checkInKey = CounterRng.DayKey(state.Seed, RngStream.CheckIn, day);
        var reportKey = CounterRng.DayKey(state.Seed, RngStream.FeverReport, day);
        var checkInThreshold = _fatiguePerDay > 0 ? _fatigued[day] : CounterRng.Threshold(_probability);
        var colourSince = agents.ColourSinceDay;
        var byColour = _fatiguePerDay > 0 && _fatigueByColour;
        var reportThreshold = CounterRng.Threshold(_reportProbability);
        var centralCheckInThreshold = CounterRng.Threshold(_centralProbability);
        var centralReportThreshold = CounterRng.Threshold(_centralReportProbability);
        var end = Math.Min(agents.Size, (chunk + 1) * ChunkSize);
        var checkins = 0;
        for (var i = chunk * ChunkSize; i < end; i++)
        {
            if (stage[i] == DiseaseStage.Dead)
            {
                continue;
            }
            // The current spell always began by today (rules confine from tomorrow and run after check-ins), so only a
            // person whose current kind is central can be centrally isolated today: one byte answers for everyone else.
            var central = confinement[i] == ConfinementKind.Central && agents.ConfinementOn(i, day) == ConfinementKind.Central;
            var own = byColour ? _fatigued[Math.Clamp(day - colourSince[i], 0, day)] : checkInThreshold;
            if ((!central && !everyoneHasCode && !codes.Has(i)) || CounterRng.Keyed(checkInKey, (ulong)i) >= (central ? centralCheckInThreshold : own))
            {
                streak[i] = 0;
                continue;
            }
            checkInDay[i] = today;
            checkins++;
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
        _chunkCheckins[chunk] = checkins;
    }

    private struct CheckInChunk : IChunkBody
    {
        public CheckInPhase Phase;
        public SimulationState State;
        public int Day;

        public readonly void Run(int chunk) => Phase.CheckIn(State, Day, chunk);
    }
}
