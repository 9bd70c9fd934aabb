namespace Hcsim.Engine.Contacts;

/// <summary>Names of the contact layers as written in scenario files and outputs.</summary>
public static class ContactLayers
{
    public const int Count = 4;

    public static readonly string[] Names = ["household", "work", "school", "community"];

    public static ContactLayer Parse(string name) => name switch
    {
        "household" => ContactLayer.Household,
        "work" => ContactLayer.Work,
        "school" => ContactLayer.School,
        "community" => ContactLayer.Community,
        _ => throw new ArgumentException($"unknown contact layer '{name}'", nameof(name)),
    };
}
