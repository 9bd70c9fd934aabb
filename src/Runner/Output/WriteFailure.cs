namespace Hcsim.Runner.Output;

/// <summary>Finds the input/output error behind a failure, also when parallel work (the plots) wrapped it.</summary>
public static class WriteFailure
{
    /// <summary>The <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> in <paramref name="error"/>, or null.</summary>
    public static Exception? Find(Exception error) => error switch
    {
        IOException or UnauthorizedAccessException => error,
        AggregateException all => all.Flatten().InnerExceptions.Select(Find).FirstOrDefault(e => e is not null),
        _ => null,
    };
}
