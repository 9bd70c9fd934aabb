using Hcsim.Engine.Agents;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Regimes;

/// <summary>
/// The data section (central or device records): exposure notification replaces tracing, and nothing is counted as
/// central that was not sent to the authority.
/// </summary>
public sealed class DataRegimeTests
{
    /// <summary>Fever leads to a test, a positive result uploads keys (trace), a notification turns the person yellow at home.</summary>
    private const string NotificationPolicy = """
        name: t
        data: {checkins: device, scans: device, contacts: device, upload_probability: UPLOAD, detection_probability: DETECT}
        policy:
          colours: [green, yellow, red]
          max_trace_depth: 1
          rules:
            - {name: fever, on: fever_report, do: [{test: pcr}]}
            - {name: positive, on: test_result, when: test_positive, do: [{isolate: central}, {trace: {layers: [household, work, school], days: 3, delay_days: 1}}]}
            - {name: notified, on: notified, do: [{set_colour: yellow}, {isolate: home}]}
        """;

    /// <summary>
    /// Households {0, 1} and {2, 3}; 0 and 2 share a workplace (every pair meets at work). Agent 0 has fever from day 0
    /// and tests positive from day 1 on; agent 3 never meets agent 0.
    /// </summary>
    private static SimulationRun CaseRun(double upload, double detect, int days = 5)
    {
        var loaded = ScenarioLoader.Load(NotificationPolicy.Replace("UPLOAD", upload.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("DETECT", detect.ToString(System.Globalization.CultureInfo.InvariantCulture)), "t.yaml", []).Variants[0].Model;
        var deterministic = Deterministic2020(days);
        var model = deterministic with { Policy = loaded.Policy, Data = loaded.Data };
        var world = World.FromParts([30, 30, 30, 30], [2, 2], [0, -1, 0, -1], [-1, -1, -1, -1], []);
        var run = RunWithFeverCase(world, model);
        for (var day = 0; day < model.Days; day++)
        {
            run.RunDay(day);
        }
        return run;
    }

    private static long Part(RunSummary summary, string name) => (long)(summary.PartTotals.First(t => t.Name == name).Value ?? -1);

    [Fact]
    public void Run_DeviceRegimeUploadOne_NotifiesLoggedContactsWithoutCentralLookUp()
    {
        var run = CaseRun(upload: 1, detect: 1);
        var s = run.Result("v", 0, 0).Summary;
        var agents = run.State.Agents;

        Assert.True(agents.Colour[1] == Yellow && agents.Colour[2] == Yellow, "the case's household and work contacts should be notified (yellow)");
        Assert.True(agents.Colour[3] == Green, "agent 3 never met the case and should not be notified");
        Assert.True(Part(s, "people_looked_up_central") == 0 && Part(s, "people_looked_up_device") == 1 && s.PeopleLookedUp == 1,
            "only the case counts, as matched on phones, never looked up centrally");
        var uploaded = Part(s, "records_uploaded_total");
        Assert.True(uploaded > 0, "the case's uploads (one record a day of keys) should be counted");
        Assert.True(Part(s, "data_records_central") == s.RecordsTests + uploaded,
            $"central records should be the tests and the uploads only: {s.RecordsTests} + {uploaded}, got {Part(s, "data_records_central")}");
        Assert.True(Part(s, "data_records_device") == s.RecordsCheckins + s.RecordsContactsConsulted && s.RecordsContactsConsulted > 0,
            "device records should be the check-ins and the matches phones made");
        Assert.True(Part(s, "data_records_central") + Part(s, "data_records_device") == s.DataRecords, "central + device should be data_records");
    }

    [Fact]
    public void Run_CaseRetestedPositive_UploadsEachDayOfKeysOnce()
    {
        // Staff find agent 0's fever every day, so a positive result arrives on days 1..4, each tracing 3 days back:
        // the keys of days 0..1, then of day 2, 3 and 4 alone (already published days are not uploaded again).
        var run = CaseRun(upload: 1, detect: 1, days: 5);
        var s = run.Result("v", 0, 0).Summary;

        Assert.True(s.RecordsTests >= 4, $"agent 0 should be tested every day, got {s.RecordsTests}");
        Assert.True(Part(s, "records_uploaded_total") == 5, $"one key a day for days 0..4, each uploaded once, got {Part(s, "records_uploaded_total")}");
    }

    [Fact]
    public void Run_DeviceRegimeUploadZero_CentralRecordsAreOnlyTheTestsTaken()
    {
        var run = CaseRun(upload: 0, detect: 1);
        var s = run.Result("v", 0, 0).Summary;

        Assert.True(s.RecordsTests > 0, "the case should have been tested");
        Assert.True(Part(s, "data_records_central") == s.RecordsTests,
            $"with no upload the authority holds only the samples it took ({s.RecordsTests}), got {Part(s, "data_records_central")}");
        Assert.True(run.State.Agents.Colour[1] == Green && run.State.Agents.Colour[2] == Green, "without an upload nobody is notified");
        Assert.True(s.RecordsContactsConsulted == 0 && s.PeopleLookedUp == 0, "nothing is matched or looked up");
    }

    [Fact]
    public void Run_DetectionZero_UploadsButNotifiesNobody()
    {
        var run = CaseRun(upload: 1, detect: 0);
        var s = run.Result("v", 0, 0).Summary;

        Assert.True(run.State.Agents.Colour[1] == Green && run.State.Agents.Colour[2] == Green, "contacts never logged by the phones cannot be notified");
        Assert.True(Part(s, "records_uploaded_total") > 0 && s.RecordsContactsConsulted == 0, "the keys are uploaded but match nothing");
    }

    [Fact]
    public void Run_DailyRegimeColumns_AddUpToTheSummary()
    {
        var run = CaseRun(upload: 1, detect: 1);
        var result = run.Result("v", 0, 0);
        var columns = result.Daily.PartColumns.ToDictionary(c => c.Name, c => c.Values.Take(result.Daily.DaysSimulated).Sum(v => (long)v));

        Assert.True(columns["records_central"] + columns["records_device"] == result.Summary.DataRecords,
            "the daily central and device records should add up to data_records");
        Assert.True(columns["looked_up_device"] == 1, "the case is matched on phones on one day only (first time)");
    }

    [Fact]
    public void Run_DataSectionAllCentral_NumbersAsWithoutTheSection()
    {
        var without = ScenarioLoader.LoadDefault(["population.size=20000", "days=40", "disease.initial_infected=30"]).Variants[0].Model;
        var with = without with { Data = new Engine.Regimes.DataRegimeConfig() };
        var world = WorldBuilder.Build(without.Population, 3);

        var a = new SimulationRun(world, without, 11, new ParallelOptions { MaxDegreeOfParallelism = 2 }).Run("v", 0, 0);
        var b = new SimulationRun(world, with, 11, new ParallelOptions { MaxDegreeOfParallelism = 2 }).Run("v", 0, 0);

        Assert.True(a.Summary.PartTotals.All(t => !t.Name.StartsWith("data_records_", StringComparison.Ordinal))
            && a.Daily.PartColumns.All(c => !c.Name.StartsWith("records_", StringComparison.Ordinal)),
            "without a data section there are no regime columns");
        Assert.True(a.Summary.DataRecords > 0 && a.Summary == b.Summary with { PartTotals = a.Summary.PartTotals },
            "a data section holding everything centrally should change no number");
        Assert.True(Part(b.Summary, "data_records_central") == b.Summary.DataRecords && Part(b.Summary, "data_records_device") == 0,
            "everything central: every record is central");
        Assert.True(Part(b.Summary, "people_looked_up_central") == b.Summary.PeopleLookedUp, "every look-up is central");
    }

    [Fact]
    public void DataRegimes_SmallCity_CentralOnlyWhatWasSentAndThreadCountIndependent()
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(RepositoryRoot(), "scenarios", "data-regimes.yaml"),
            ["population.size=6000", "days=50", "disease.initial_infected=30"]);
        var world = WorldBuilder.Build(scenario.Variants[0].Model.Population, scenario.Seed);
        var model = scenario.Variants.Single(v => v.Name == "exposure-notification").Model;

        var one = new SimulationRun(world, model, 5, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("v", 0, 0);
        var three = new SimulationRun(world, model, 5, new ParallelOptions { MaxDegreeOfParallelism = 3 }).Run("v", 0, 0);
        var silent = new SimulationRun(world, model with { Data = model.Data! with { UploadProbability = 0 } }, 5,
            new ParallelOptions { MaxDegreeOfParallelism = 2 }).Run("v", 0, 0).Summary;
        var s = one.Summary;

        Assert.True(s.RecordsContactsConsulted > 0 && s.RecordsScansConsulted > 0 && Part(s, "records_uploaded_total") > 0,
            "the device regime should notify contacts and venue co-visitors from uploads");
        Assert.True(Part(s, "data_records_central") == s.RecordsTests + Part(s, "records_uploaded_total") && Part(s, "people_looked_up_central") == 0,
            "under the device regime the authority holds only its tests and what cases uploaded, and looks nobody up");
        Assert.True(Part(silent, "data_records_central") == silent.RecordsTests && silent.RecordsContactsConsulted == 0 && silent.RecordsScansConsulted == 0,
            "with no upload the central records are exactly the tests the authority took");
        Assert.True(s == three.Summary, $"the summary should not depend on thread count: {s} vs {three.Summary}");
        foreach (var column in one.Daily.PartColumns)
        {
            Assert.True(column.Values.SequenceEqual(three.Daily.PartColumns.First(c => c.Name == column.Name).Values),
                $"daily {column.Name} should not depend on thread count");
        }
    }

    [Theory]
    [InlineData("data: {contacts: device}", "traced", "policy.rules[1].on", "use on: notified")]
    [InlineData("", "notified", "policy.rules[1].on", "needs contacts held on devices")]
    public void Load_TriggerAgainstTheRegime_IsALocatedError(string data, string trigger, string path, string message)
    {
        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load($$$"""
            name: t
            {{{data}}}
            policy:
              rules:
                - {name: p, on: test_result, when: test_positive, do: [{trace: {layers: [household]}}]}
                - {name: c, on: {{{trigger}}}, do: [{isolate: home}]}
            """, "t.yaml", []));

        Assert.Contains(error.Errors, e => e.SettingPath == path && e.Message.Contains(message, StringComparison.Ordinal) && e.Line > 0);
    }

    [Fact]
    public void Load_NotifiedRuleReadingTraceFacts_IsALocatedError()
    {
        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load("""
            name: t
            data: {contacts: device}
            policy:
              rules:
                - {name: p, on: test_result, when: test_positive, do: [{trace: {layers: [household]}}]}
                - {name: c, on: notified, when: traced_layer == "household", do: [{isolate: home}]}
            """, "t.yaml", []));

        Assert.Contains(error.Errors, e => e.SettingPath == "policy.rules[1].when" && e.Message.Contains("traced_layer", StringComparison.Ordinal) && e.Line > 0);
    }

    [Fact]
    public void Load_TracedRuleSwitchedOffUnderDeviceContacts_IsAccepted()
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(RepositoryRoot(), "scenarios", "data-regimes.yaml"), []);

        Assert.True(scenario.Variants.Any(v => v.Model.Data?.Contacts == "device"), "the shipped scenario has a device variant whose traced rule is switched off");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Simulator.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("Simulator.sln not found above the test folder");
    }
}
