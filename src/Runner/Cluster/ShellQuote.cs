namespace Hcsim.Runner.Cluster;

/// <summary>Words for a POSIX shell, as written into batch scripts and printed rerun commands.</summary>
public static class ShellQuote
{
    /// <summary>The text as is when it holds only safe characters, else in single quotes.</summary>
    public static string Word(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=+,:@%".Contains(c, StringComparison.Ordinal))
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
