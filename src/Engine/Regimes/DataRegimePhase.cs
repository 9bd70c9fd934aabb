using System.Collections.Immutable;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Regimes;

/// <summary>
/// The data-regime part's daily columns: each day's new records, central and on devices, and the people looked up for
/// the first time, read as differences of the run's <see cref="DataRecords"/> totals after every part that adds to
/// them has run (its slot follows the metrics). On whenever the scenario has a <c>data</c> section.
/// </summary>
public sealed class DataRegimePhase : IDayPhase
{
    public static readonly PartColumn CentralColumn = new("records_central",
        "Records the authority gathered or read today (data section): check-ins, scans, paper passes, contacts and scans consulted held centrally, test samples, and records uploaded from phones.");
    public static readonly PartColumn DeviceColumn = new("records_device",
        "Records gathered or read today that stay on people's phones (data section): check-ins, scans and logged contacts of the kinds held on devices, and the matches phones made against uploads.");
    public static readonly PartColumn UploadedColumn = new("records_uploaded",
        "Of records_central, the records cases uploaded from their phones today (data section): one per day of keys and one per venue visit published.");
    public static readonly PartColumn LookedUpCentralColumn = new("looked_up_central",
        "People whose contacts or venue visits the authority consulted today for the first time in the run (data section).");
    public static readonly PartColumn LookedUpDeviceColumn = new("looked_up_device",
        "People whose uploaded keys or venue-slots phones matched today for the first time in the run (data section).");

    /// <summary>The part's daily columns, in the order it adds them.</summary>
    public static ImmutableArray<PartColumn> Columns { get; } = [CentralColumn, DeviceColumn, UploadedColumn, LookedUpCentralColumn, LookedUpDeviceColumn];

    private readonly int[] _central;
    private readonly int[] _device;
    private readonly int[] _uploaded;
    private readonly int[] _lookedUpCentral;
    private readonly int[] _lookedUpDevice;
    private long _centralBefore;
    private long _deviceBefore;
    private long _uploadedBefore;
    private int _lookedUpCentralBefore;
    private int _lookedUpDeviceBefore;

    public DataRegimePhase(DailyMetrics daily)
    {
        _central = daily.AddPartColumn(CentralColumn);
        _device = daily.AddPartColumn(DeviceColumn);
        _uploaded = daily.AddPartColumn(UploadedColumn);
        _lookedUpCentral = daily.AddPartColumn(LookedUpCentralColumn);
        _lookedUpDevice = daily.AddPartColumn(LookedUpDeviceColumn);
    }

    public string Name => "data_regime";

    public void Step(SimulationState state, int day)
    {
        var records = state.Records;
        _central[day] = checked((int)(records.CentralRecords - _centralBefore));
        _device[day] = checked((int)(records.DeviceRecords - _deviceBefore));
        _uploaded[day] = checked((int)(records.Uploads - _uploadedBefore));
        _lookedUpCentral[day] = records.PeopleLookedUpCentrally - _lookedUpCentralBefore;
        _lookedUpDevice[day] = records.PeopleLookedUpOnDevices - _lookedUpDeviceBefore;
        _centralBefore = records.CentralRecords;
        _deviceBefore = records.DeviceRecords;
        _uploadedBefore = records.Uploads;
        _lookedUpCentralBefore = records.PeopleLookedUpCentrally;
        _lookedUpDeviceBefore = records.PeopleLookedUpOnDevices;
    }
}
