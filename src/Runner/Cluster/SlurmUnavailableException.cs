namespace Hcsim.Runner.Cluster;

/// <summary>A Slurm command (sbatch, squeue, scancel) is not on PATH: Slurm is not installed here (exit code 2).</summary>
public sealed class SlurmUnavailableException : Exception
{
    public SlurmUnavailableException(string program)
        : base($"'{program}' is not on PATH: Slurm is not installed on this machine (or not loaded: try 'module load slurm'); "
            + "run hcsim slurm ... --submit on the cluster's login node, or submit the written scripts there with sbatch")
    {
        Program = program;
    }

    public string Program { get; }
}
