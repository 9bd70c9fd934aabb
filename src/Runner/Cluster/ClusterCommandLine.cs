using System.CommandLine;
using Hcsim.Runner.Cli;

namespace Hcsim.Runner.Cluster;

/// <summary>The <c>hcsim merge</c> and <c>hcsim slurm</c> commands (the shard options of <c>run</c> are in <see cref="ShardOptions"/>).</summary>
public static class ClusterCommandLine
{
    public static Command CreateMerge(CliConsole console)
    {
        var folder = new Argument<string>("DIR") { Description = "The sweep's output folder, holding shards/ written by 'hcsim run --shard' (or Slurm, Kubernetes)" };
        var force = new Option<bool>("--force") { Description = "Merge again over merged results already in DIR (the shards are kept)" };
        var quiet = new Option<bool>("--quiet") { Description = "No summary table; only the results line" };
        var csv = new Option<bool>("--csv") { Description = "Also write daily.csv, summary.csv and variants.csv beside the merged Parquet files" };
        var command = new Command("merge", "Check that every shard in DIR/shards is complete and write the results a single machine writes (daily, summary, variants, manifest, plots, report) into DIR")
        {
            folder, force, quiet, csv,
        };
        command.SetAction((parse, cancellationToken) =>
            new MergeCommandAction(console).RunAsync(parse.GetRequiredValue(folder), parse.GetValue(force), parse.GetValue(quiet), cancellationToken, parse.GetValue(csv)));
        return command;
    }

    public static Command CreateSlurm(CliConsole console, string version, Option<string[]> setOption)
    {
        var scenario = new Argument<string?>("SCENARIO") { Description = "Scenario file (YAML); without it the built-in default scenario", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out") { Description = "The sweep's output folder (on storage every node sees) [default: results/<scenario name>]", HelpName = "DIR" };
        var tasks = new Option<int?>("--tasks") { Description = $"Array tasks (shards) [default: the shards already in DIR, else one per run up to {SlurmCommandAction.DefaultMaxTasks}]", HelpName = "N" };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition [default: the cluster's default]", HelpName = "P" };
        var time = new Option<string?>("--time") { Description = "Time limit per task, as Slurm writes it (e.g. 02:00:00) [default: the partition's]", HelpName = "T" };
        var memory = new Option<string?>("--mem") { Description = "Memory per task, as Slurm writes it (e.g. 4G) [default: from hcsim's memory estimate]", HelpName = "M" };
        var cpus = new Option<int>("--cpus") { Description = "CPUs per task (hcsim's --threads)", HelpName = "C", DefaultValueFactory = _ => 1 };
        cpus.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out var n) && n < 1)
            {
                result.AddError("--cpus must be at least 1");
            }
        });
        var seed = new Option<ulong?>("--seed") { Description = "Base seed; the same as --set seed=S", HelpName = "S" };
        var submit = new Option<bool>("--submit") { Description = "Submit the missing shards as an array job and the merge job after it (needs sbatch)" };
        var wait = new Option<bool>("--wait") { Description = "With --submit: wait for the merge; exit 5 naming the failed tasks if any failed" };
        var hcsim = new Option<string?>("--hcsim") { Description = "Shell command that starts hcsim on the compute nodes [default: this program]", HelpName = "COMMAND" };
        var command = new Command("slurm", "Write a Slurm array script (one task per shard) and a merge job for a sweep; --submit submits them, --wait waits for the merged result")
        {
            scenario, output, tasks, partition, time, memory, cpus, seed, setOption, submit, wait, hcsim,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var overrides = new List<string>(parse.GetValue(setOption) ?? []);
            if (parse.GetValue(seed) is { } s)
            {
                overrides.Add($"seed={s}");
            }
            return new SlurmCommandAction(console, version).RunAsync(new SlurmSettings
            {
                ScenarioPath = parse.GetValue(scenario),
                OutputPath = parse.GetValue(output),
                Overrides = overrides,
                Tasks = parse.GetValue(tasks),
                Cpus = parse.GetValue(cpus),
                Memory = parse.GetValue(memory),
                Time = parse.GetValue(time),
                Partition = parse.GetValue(partition),
                Submit = parse.GetValue(submit),
                Wait = parse.GetValue(wait),
                Hcsim = parse.GetValue(hcsim),
            }, cancellationToken);
        });
        return command;
    }
}
