using Hcsim.Engine.Disease;

namespace Hcsim.Engine.Testing;

/// <summary>
/// A result reaching a person on a day. <see cref="SampledStage"/> is the person's true stage on the sampling day,
/// which the metrics use to tell true detections from false ones; rules never read it.
/// </summary>
public readonly record struct TestResultEvent(int Agent, bool Positive, DiseaseStage SampledStage);
