using Hcsim.Engine.Simulation;
using System.CommandLine;
using Hcsim.Runner.Cluster;

namespace Hcsim.Runner.Cli;

/// <summary>The <c>hcsim</c> command tree: <c>run</c>, <c>validate</c>, <c>calibrate</c>, <c>optimise</c>, <c>plot</c>, <c>report</c>, <c>compare</c>, <c>export</c>, <c>schema</c>, <c>merge</c> and <c>slurm</c>, plus the built-in --help and --version.</summary>
public static class HcsimCommandLine
{
    public static RootCommand Create(CliConsole console, string version)
    {
        var setOption = new Option<string[]>("--set")
        {
            Description = "Override a scenario setting by path, e.g. --set policy.params.yellow_days=3 (repeatable; applied before variants)",
            HelpName = "PATH=VALUE",
            DefaultValueFactory = _ => [],
        };
        setOption.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    result.AddError($"--set {token.Value}: expected PATH=VALUE");
                }
            }
        });

        var root = new RootCommand("hcsim: agent-based simulator of health-code (red/yellow/green) policies. With no arguments it runs the built-in default scenario.");
        foreach (var option in root.Options)
        {
            if (option is VersionOption versionOption)
            {
                versionOption.Action = new VersionAction(console, version);
            }
        }
        root.Subcommands.Add(CreateRun(console, version, setOption));
        root.Subcommands.Add(CreateValidate(console, setOption));
        root.Subcommands.Add(CreateCalibrate(console, version, setOption));
        root.Subcommands.Add(CreateOptimise(console, version, setOption));
        root.Subcommands.Add(CreateRebuild(console, "plot", "Redraw plots/*.png of a results folder from its Parquet files, without simulating"));
        root.Subcommands.Add(CreateRebuild(console, "report", "Rewrite report.md of a results folder from its Parquet files, without simulating"));
        root.Subcommands.Add(CreateCompare(console));
        root.Subcommands.Add(CreateExport(console));
        root.Subcommands.Add(CreateSchema(console));
        root.Subcommands.Add(Hcsim.Runner.Cluster.ClusterCommandLine.CreateMerge(console));
        root.Subcommands.Add(Hcsim.Runner.Cluster.ClusterCommandLine.CreateSlurm(console, version, setOption));
        return root;
    }

    private static Command CreateRun(CliConsole console, string version, Option<string[]> setOption)
    {
        var scenario = new Argument<string?>("SCENARIO")
        {
            Description = "Scenario file (YAML); without it the built-in default scenario runs",
            Arity = ArgumentArity.ZeroOrOne,
        };
        // An optional argument swallows a misspelt option ("--thread 4") as a file name; report it as an option error.
        scenario.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && result.Tokens[0].Value.StartsWith('-'))
            {
                result.AddError($"unrecognized option '{result.Tokens[0].Value}'");
            }
        });
        var output = new Option<string?>("--out")
        {
            Description = "Output folder [default: results/<scenario name>]",
            HelpName = "DIR",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Worker threads; results do not depend on it",
            HelpName = "N",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            CustomParser = CommandLineMessages.ParseThreads,
        };
        var seed = new Option<ulong?>("--seed")
        {
            Description = "Base seed; the same as --set seed=S",
            HelpName = "S",
            CustomParser = CommandLineMessages.ParseSeed,
        };
        var force = new Option<bool>("--force") { Description = "Replace the output folder if it exists and is not empty" };
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue an interrupted run of the same scenario, overrides and seed to the same folder: finished runs are reused",
        };
        var quiet = new Option<bool>("--quiet") { Description = "No progress and no summary table; only the results line" };
        var profile = new Option<bool>("--profile")
        {
            Description = "After the run, print the wall time of each day-loop phase summed over runs (also in manifest.json)",
        };
        var events = new Option<bool>("--events")
        {
            Description = "Also write events.parquet: every change of a person's disease stage, colour and confinement (large)",
        };
        var transmissions = new Option<bool>("--transmissions")
        {
            Description = "Also write transmissions.parquet: who infected whom, when, where, and the infector's code (large)",
        };

        var maxMinutes = new Option<double>("--max-minutes")
        {
            Description = "A run estimated to take longer asks before it starts, or is refused when nobody can answer (use --yes)",
            HelpName = "M",
            DefaultValueFactory = _ => RunSettings.DefaultMaxMinutes,
        };
        maxMinutes.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && double.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var m) && !(m > 0))
            {
                result.AddError($"--max-minutes {result.Tokens[0].Value}: give a number of minutes above 0, e.g. --max-minutes 120");
            }
        });
        var yes = new Option<bool>("--yes") { Description = "Start a run estimated above --max-minutes without asking" };
        var csv = new Option<bool>("--csv") { Description = "Also write daily.csv, summary.csv and variants.csv beside the Parquet files" };

        var command = new Command("run", "Run a scenario and write daily.parquet, summary.parquet, plots, report.md and manifest.json")
        {
            scenario, output, threads, seed, setOption, force, resume, quiet, profile, events, transmissions, maxMinutes, yes, csv,
        };
        var shardOptions = Hcsim.Runner.Cluster.ShardOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var overrides = new List<string>(parse.GetValue(setOption) ?? []);
            if (parse.GetValue(seed) is { } s)
            {
                overrides.Add($"seed={s}");
            }
            var settings = new RunSettings
            {
                ScenarioPath = parse.GetValue(scenario),
                OutputPath = parse.GetValue(output),
                Threads = parse.GetValue(threads),
                Overrides = overrides,
                Force = parse.GetValue(force),
                Resume = parse.GetValue(resume),
                Quiet = parse.GetValue(quiet),
                Profile = parse.GetValue(profile),
                Details = new DetailOptions { Events = parse.GetValue(events), Transmissions = parse.GetValue(transmissions) },
                MaxMinutes = parse.GetValue(maxMinutes),
                Yes = parse.GetValue(yes),
                Csv = parse.GetValue(csv),
            };
            if (shardOptions.ShardRun(console, version, parse, settings, cancellationToken) is { } shardRun)
            {
                return shardRun;
            }
            return new RunCommandAction(console, version).RunAsync(settings, cancellationToken);
        });
        return command;
    }

    private static Command CreateCalibrate(CliConsole console, string version, Option<string[]> setOption) => CreateGenerational(
        "calibrate", "Fit a scenario's calibration parameters to its targets (ABC-SMC); writes calibration.parquet, calibration.md, calibrated.yaml and plots",
        "calibration", "calibration", "a round", setOption, (settings, _, token) => new CalibrateCommandAction(console, version).RunAsync(settings, token));

    private static Command CreateOptimise(CliConsole console, string version, Option<string[]> setOption)
    {
        var slurm = new SearchSlurmOptions();
        var command = CreateGenerational(
            "optimise", "Search a scenario's policy settings for the Pareto front of its objectives (NSGA-II); writes search.parquet, search.md, front.yaml and plots",
            "search", "search", "a generation", setOption, (settings, parse, token) => new OptimiseCommandAction(console, version).RunAsync(settings, token, slurm.Settings(parse)));
        slurm.AddTo(command);
        return command;
    }

    /// <summary>A command that works generation by generation over a scenario section (calibrate, optimise), with run-like options and a budget.</summary>
    /// <param name="step">What the budget stops before starting (<c>a round</c>).</param>
    private static Command CreateGenerational(string name, string description, string section, string what, string step, Option<string[]> setOption,
        Func<GenerationSettings, ParseResult, CancellationToken, Task<int>> action)
    {
        var scenario = new Argument<string>("SCENARIO") { Description = $"Scenario file (YAML) with a {section} section" };
        var output = new Option<string?>("--out") { Description = $"Output folder [default: results/<scenario name>-{section}]", HelpName = "DIR" };
        var threads = new Option<int>("--threads")
        {
            Description = "Worker threads; results do not depend on it",
            HelpName = "N",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            CustomParser = CommandLineMessages.ParseThreads,
        };
        var seed = new Option<ulong?>("--seed") { Description = "Base seed; the same as --set seed=S", HelpName = "S", CustomParser = CommandLineMessages.ParseSeed };
        var force = new Option<bool>("--force") { Description = "Replace the output folder if it exists and is not empty" };
        var resume = new Option<bool>("--resume") { Description = $"Continue an interrupted {what} of the same scenario, overrides and seed to the same folder from its last finished generation" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress and no per-generation lines; only the results line" };
        var maxRuns = new Option<int>("--max-runs") { Description = $"Budget of simulation runs (0 = {section}.max_runs); {step} that would exceed it is not started", HelpName = "N" };
        var maxMinutes = new Option<double>("--max-minutes") { Description = $"Budget of wall time (0 = {section}.max_minutes); {step} expected to end later is not started", HelpName = "M" };
        var command = new Command(name, description)
        {
            scenario, output, threads, seed, setOption, force, resume, quiet, maxRuns, maxMinutes,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var overrides = new List<string>(parse.GetValue(setOption) ?? []);
            if (parse.GetValue(seed) is { } s)
            {
                overrides.Add($"seed={s}");
            }
            return action(new GenerationSettings
            {
                ScenarioPath = parse.GetRequiredValue(scenario),
                OutputPath = parse.GetValue(output),
                Threads = parse.GetValue(threads),
                Overrides = overrides,
                Force = parse.GetValue(force),
                Resume = parse.GetValue(resume),
                Quiet = parse.GetValue(quiet),
                MaxRuns = Math.Max(0, parse.GetValue(maxRuns)),
                MaxMinutes = Math.Max(0, parse.GetValue(maxMinutes)),
            }, parse, cancellationToken);
        });
        return command;
    }

    private static Command CreateRebuild(CliConsole console, string name, string description)
    {
        var folder = new Argument<string>("RESULTS_DIR") { Description = "A folder written by 'hcsim run'" };
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing on success" };
        var command = new Command(name, description) { folder, quiet };
        command.SetAction((parse, cancellationToken) =>
        {
            var action = new RebuildCommandAction(console);
            var path = parse.GetRequiredValue(folder);
            var isQuiet = parse.GetValue(quiet);
            return name == "plot" ? action.PlotAsync(path, isQuiet, cancellationToken) : action.ReportAsync(path, isQuiet, cancellationToken);
        });
        return command;
    }

    private static Command CreateCompare(CliConsole console)
    {
        var a = new Argument<string>("DIR_A") { Description = "First results folder" };
        var b = new Argument<string>("DIR_B") { Description = "Second results folder" };
        var command = new Command("compare", "Print two runs' summaries side by side: per variant and metric, A, B and B-A") { a, b };
        command.SetAction((parse, cancellationToken) =>
            new CompareCommandAction(console).RunAsync(parse.GetRequiredValue(a), parse.GetRequiredValue(b), cancellationToken));
        return command;
    }

    private static Command CreateExport(CliConsole console)
    {
        var folder = new Argument<string>("RESULTS_DIR") { Description = "A folder written by 'hcsim run'" };
        var csv = new Option<bool>("--csv") { Description = "Write daily.csv, summary.csv and variants.csv beside the Parquet files" };
        var command = new Command("export", "Write a results folder's tables in another format (--csv), without simulating") { folder, csv };
        command.SetAction((parse, cancellationToken) =>
            new ExportCommandAction(console).RunAsync(parse.GetRequiredValue(folder), parse.GetValue(csv), cancellationToken));
        return command;
    }

    private static Command CreateSchema(CliConsole console)
    {
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output", HelpName = "FILE" };
        var markdown = new Option<bool>("--markdown") { Description = "Print the README's reference tables instead of the JSON Schema" };
        var command = new Command("schema", "Print the scenario file format as a JSON Schema (draft-07), for editors to complete and check scenario files")
        {
            output, markdown,
        };
        command.SetAction((parse, cancellationToken) =>
            new SchemaCommandAction(console).RunAsync(parse.GetValue(output), parse.GetValue(markdown), cancellationToken));
        return command;
    }

    private static Command CreateValidate(CliConsole console, Option<string[]> setOption)
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario file (YAML)" };
        var command = new Command("validate", "Load and check a scenario without running it; exit 0 if valid, 2 if not")
        {
            scenario, setOption,
        };
        command.SetAction((parse, _) =>
            new ValidateCommandAction(console).RunAsync(parse.GetRequiredValue(scenario), parse.GetValue(setOption) ?? []));
        return command;
    }
}
