using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.Tests;

public sealed class ControllerSelectionTests
{
    private static readonly string[] All = [.. ControllerCatalog.All.Select(c => c.Name)];

    [Fact]
    public void StarOrNothing_SelectsEveryController()
    {
        Assert.Equal(All.Order(), ControllerSelection.Parse(["*"]).Order());
        Assert.Equal(All.Order(), ControllerSelection.Parse([]).Order());
    }

    [Fact]
    public void StarWithAMinus_LeavesThatOneOut()
    {
        var selected = ControllerSelection.Parse(["*", "-nodeipam"]);

        Assert.DoesNotContain("nodeipam", selected);
        Assert.Equal(All.Length - 1, selected.Count);
    }

    [Fact]
    public void Names_SelectOnlyThose_AndAMinusWins()
    {
        Assert.Equal(["namespace", "serviceaccount"], ControllerSelection.Parse(["serviceaccount", "namespace"]).Order());
        Assert.Empty(ControllerSelection.Parse(["nodeipam", "-nodeipam"]));
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("-bogus")]
    public void AnUnknownName_IsRefusedWithTheKnownOnes(string entry)
    {
        var error = Assert.Throws<FormatException>(() => ControllerSelection.Parse(["*", entry]));

        Assert.Contains("\"bogus\" is not a known controller", error.Message, StringComparison.Ordinal);
        Assert.Contains("taint-eviction-controller", error.Message, StringComparison.Ordinal);
    }
}
