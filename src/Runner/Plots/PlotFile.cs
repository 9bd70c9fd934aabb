namespace Hcsim.Runner.Plots;

/// <summary>A plot of a results folder: its path relative to the folder and the one line the report prints under it.</summary>
public sealed record PlotFile(string Path, string Caption);
