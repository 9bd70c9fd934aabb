namespace Hcsim.Engine.Contacts;

/// <summary>Names of the contact layers as written in scenario files and outputs.</summary>
public static class ContactLayers
{
    public const int Count = 4;

    public static readonly string[] Names = ["household", "work", "school", "community"];

    /// <summary>The output name of any layer, the venue layer (not one of <see cref="Names"/>) included.</summary>
    public static string NameOf(ContactLayer layer) => layer == ContactLayer.Venue ? "venue" : Names[(int)layer];

    public static ContactLayer Parse(string name) => name switch
    {
        "household" => ContactLayer.Household,
        "work" => ContactLayer.Work,
        "school" => ContactLayer.School,
        "community" => ContactLayer.Community,
        _ => throw new ArgumentException($"unknown contact layer '{name}'", nameof(name)),
    };
}
