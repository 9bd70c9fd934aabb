using Hcsim.Engine.Errors;

namespace Hcsim.Runner.Output;

/// <summary>
/// <c>--resume</c> found interrupted runs of the target, but none started with this scenario, overrides, seed and
/// version; maps to exit code 2, like other input that cannot run, and nothing is written or deleted.
/// </summary>
public sealed class ResumeMismatchException : SimulatorException
{
    public ResumeMismatchException(string message) : base(message) { }
}
