using System.CommandLine;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// The Slurm options of <c>hcsim optimise</c>: <c>--slurm</c> runs each generation as a sweep on the cluster
/// (<c>hcsim slurm --submit --wait</c>), with the array options of <c>hcsim slurm</c>, which need <c>--slurm</c>.
/// </summary>
public sealed class SearchSlurmOptions
{
    private readonly Option<bool> _slurm = new("--slurm")
    {
        Description = "Run each generation's candidates as array tasks on a Slurm cluster (hcsim slurm --submit --wait) and read back their merged results; needs sbatch and an --out every node sees",
    };
    private readonly Option<int?> _tasks = new("--tasks") { Description = $"With --slurm: array tasks per generation [default: one per run up to {SlurmCommandAction.DefaultMaxTasks}]", HelpName = "N" };
    private readonly Option<string?> _partition = new("--partition") { Description = "With --slurm: Slurm partition [default: the cluster's default]", HelpName = "P" };
    private readonly Option<string?> _time = new("--time") { Description = "With --slurm: time limit per task, as Slurm writes it (e.g. 02:00:00) [default: the partition's]", HelpName = "T" };
    private readonly Option<string?> _memory = new("--mem") { Description = "With --slurm: memory per task, as Slurm writes it (e.g. 4G) [default: from hcsim's memory estimate]", HelpName = "M" };
    private readonly Option<int?> _cpus = new("--cpus") { Description = "With --slurm: CPUs per task (the tasks' --threads) [default: 1]", HelpName = "C" };
    private readonly Option<string?> _hcsim = new("--hcsim") { Description = "With --slurm: shell command that starts hcsim on the compute nodes [default: this program]", HelpName = "COMMAND" };

    /// <summary>Adds the options to <paramref name="command"/>, with a check that the array options come with --slurm.</summary>
    public void AddTo(Command command)
    {
        Option[] arrayOptions = [_tasks, _partition, _time, _memory, _cpus, _hcsim];
        command.Options.Add(_slurm);
        foreach (var option in arrayOptions)
        {
            command.Options.Add(option);
        }
        command.Validators.Add(result =>
        {
            if (result.GetValue(_slurm))
            {
                if (result.GetValue(_tasks) is < 1 || result.GetValue(_cpus) is < 1)
                {
                    result.AddError("--tasks and --cpus must be at least 1");
                }
                return;
            }
            foreach (var option in arrayOptions)
            {
                if (result.GetResult(option) is { Implicit: false })
                {
                    result.AddError($"{option.Name} needs --slurm");
                }
            }
        });
    }

    /// <summary>The Slurm options given, or null without --slurm (the generations then run on this machine).</summary>
    public SlurmSettings? Settings(ParseResult parse) => parse.GetValue(_slurm)
        ? new SlurmSettings
        {
            Tasks = parse.GetValue(_tasks),
            Cpus = parse.GetValue(_cpus) ?? 1,
            Memory = parse.GetValue(_memory),
            Time = parse.GetValue(_time),
            Partition = parse.GetValue(_partition),
            Hcsim = parse.GetValue(_hcsim),
        }
        : null;
}
