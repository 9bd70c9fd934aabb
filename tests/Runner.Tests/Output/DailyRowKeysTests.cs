using Hcsim.Engine.Metrics;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

public sealed class DailyRowKeysTests
{
    [Fact]
    public void DailyKeyColumns_Names_AreTheEngineRowKeys()
    {
        // The scenario validator keeps colour names off DailyRowKeys; the schema must write exactly those keys.
        Assert.Equal(DailyRowKeys.Names, ParquetSchemas.DailyKeyColumns.Select(c => c.Name));
    }
}
