using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.Tests;

public sealed class ControllerManagerTests
{
    [Fact]
    public void Catalog_NamesEachControllerOnce() =>
        Assert.Equal(ControllerCatalog.All.Count, ControllerCatalog.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
}
