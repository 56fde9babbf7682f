using SharpKube.Kubelet.Containers;

namespace SharpKube.Kubelet.Tests.Containers;

public sealed class VariableExpansionTests
{
    private static readonly Dictionary<string, string> Variables = new() { ["A"] = "alpha", ["B"] = "beta", ["EMPTY"] = "" };

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("$(A)", "alpha")]
    [InlineData("x-$(A)-$(B)-y", "x-alpha-beta-y")]
    [InlineData("$(MISSING)", "$(MISSING)")]
    [InlineData("$(EMPTY)end", "end")]
    [InlineData("$$(A)", "$(A)")]
    [InlineData("$$$(A)", "$alpha")]
    [InlineData("$A", "$A")]
    [InlineData("cost: 5$", "cost: 5$")]
    [InlineData("$(A", "$(A")]
    [InlineData("$()", "$()")]
    public void Expand_ReferencesAndEscapes_BehaveAsUpstream(string input, string expected) =>
        Assert.Equal(expected, VariableExpansion.Expand(input, name => Variables.GetValueOrDefault(name)));
}
