using System.CommandLine;
using System.Globalization;

namespace Hcsim.Runner.Cli;

/// <summary>
/// Turns the command-line parser's errors into lines in the user's words: a misspelt command gets a did-you-mean
/// instead of "Required command was not provided", and a number that does not parse says which numbers are accepted
/// instead of naming a .NET type.
/// </summary>
public static class CommandLineMessages
{
    /// <summary>The error lines (without the "hcsim: " prefix) for a parse that failed.</summary>
    public static IReadOnlyList<string> For(ParseResult parse)
    {
        if (parse.CommandResult.Command is RootCommand root && parse.Tokens.Count > 0 && !parse.Tokens[0].Value.StartsWith('-'))
        {
            // "hcsim runn": the parser reports a missing command and an unmatched token; one line says it all.
            var word = parse.Tokens[0].Value;
            var commands = root.Subcommands.Select(c => c.Name).ToList();
            var nearest = Nearest(word, commands);
            var suggestion = nearest is null ? "" : $"; did you mean '{nearest}'?";
            return [$"'{word}' is not an hcsim command{suggestion} (commands: {string.Join(", ", commands)}; see 'hcsim --help')"];
        }
        return [.. parse.Errors.Select(e => e.Message.ReplaceLineEndings(" "))];
    }

    /// <summary>Parses --seed: a whole number from 0 to 2^64 - 1.</summary>
    public static ulong? ParseSeed(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            return seed;
        }
        var why = text.StartsWith('-') ? "seeds are never negative"
            : text.Length > 0 && text.All(char.IsAsciiDigit) ? "that is too large"
            : "that is not a whole number";
        result.AddError(string.Create(CultureInfo.InvariantCulture,
            $"--seed {text}: {why}; give a whole number from 0 to {ulong.MaxValue}, e.g. --seed 42"));
        return null;
    }

    /// <summary>Parses --threads: a whole number of at least 1.</summary>
    public static int ParseThreads(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var threads) && threads >= 1)
        {
            return threads;
        }
        result.AddError(string.Create(CultureInfo.InvariantCulture,
            $"--threads {text}: give a whole number of worker threads, at least 1, e.g. --threads {Environment.ProcessorCount} (the number of processors)"));
        return 1;
    }

    /// <summary>The candidate closest to <paramref name="word"/> by edit distance, if it is close enough to be a typo.</summary>
    public static string? Nearest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Engine.Scenarios.EditDistance.Between(word.ToLowerInvariant(), candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        return best is not null && bestDistance <= Math.Max(1, best.Length / 3) ? best : null;
    }
}
