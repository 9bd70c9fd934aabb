using Hcsim.Engine.Rules;

namespace Hcsim.Engine.Districts;

/// <summary>What the districts part registers in the rules engine: the person's district and its risk.</summary>
public static class DistrictRules
{
    /// <summary>The facts that need a <c>districts:</c> section.</summary>
    public static readonly string[] Facts = ["district", "district_risk", "district_risk_level", "district_cases"];

    public static void Register(RuleRegistry.Builder rules) => rules
        .Fact("district", nameof(PersonFacts.District), typeof(int), "the person's district, from 0 (needs districts)")
        .Fact("district_risk", nameof(PersonFacts.DistrictRisk), typeof(string), "name of the risk level of the person's district today, e.g. \"high\" (needs districts)")
        .Fact("district_risk_level", nameof(PersonFacts.DistrictRiskLevel), typeof(int), "index of that level: 0 for the first (lowest) level, 1 for the next, ... (needs districts)")
        .Fact("district_cases", nameof(PersonFacts.DistrictCases), typeof(int), "confirmed cases of the person's district over the trailing window_days, today included (needs districts)")
        .Action("isolate_household", ActionKind.IsolateHousehold, "confine every living member of the person's household from tomorrow, at home or centrally, for days: N or until released; once per household per day")
        .Action("test_household", ActionKind.TestHousehold, "order a test of that kind for every living member of the person's household (skipping those with one waiting or pending); once per household per day")
        .Action("test_district", ActionKind.TestDistrict, "order a test of that kind for every living member of the person's district (needs districts); once per district per day")
        .Action("isolate_district", ActionKind.IsolateDistrict, "confine every living member of the person's district from tomorrow for days: N (needs districts); once per district per day");
}
