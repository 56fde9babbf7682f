using System.Text;
using SharpKube.ApiMachinery.Serialization;

namespace SharpKube.ApiMachinery.Tests.Serialization;

public sealed class YamlToJsonTests
{
    private const string Manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: dupename
          name: web
          labels:
            app: nginx
        spec:
          paused: true
          paused: false
          template:
            spec:
              containers:
              - name: nginx
                imagePullPolicy: Always
                imagePullPolicy: Never
        """;

    [Fact]
    public void RepeatedKeys_KeepTheLastValue_AndAreReportedWithTheirLines()
    {
        var duplicates = new List<string>();

        var json = Encoding.UTF8.GetString(YamlToJson.Convert(Encoding.UTF8.GetBytes(Manifest), duplicates));

        Assert.Equal(
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"nginx"}},"spec":{"paused":false,"template":{"spec":{"containers":[{"name":"nginx","imagePullPolicy":"Never"}]}}}}""",
            json);
        Assert.Equal(
            ["line 5: key \"name\" already set in map", "line 10: key \"paused\" already set in map",
                "line 16: key \"imagePullPolicy\" already set in map"],
            duplicates);
    }

    [Fact]
    public void EveryRepetition_IsReported()
    {
        var duplicates = new List<string>();

        YamlToJson.Convert("a: 1\nb: 2\na: 3\na: 4\n"u8, duplicates);

        Assert.Equal(["line 3: key \"a\" already set in map", "line 4: key \"a\" already set in map"], duplicates);
    }

    [Fact]
    public void Aliases_CopyTheAnchoredValue()
    {
        var json = YamlToJson.Convert("base: &b {x: 1, y: [a, b]}\ncopy: *b\nn: &n 5\nm: *n\n"u8);

        Assert.Equal("""{"base":{"x":1,"y":["a","b"]},"copy":{"x":1,"y":["a","b"]},"n":5,"m":5}""", Encoding.UTF8.GetString(json));
    }

    [Theory]
    [InlineData("v: 0644", """{"v":420}""")]
    [InlineData("v: 1.5", """{"v":1.5}""")]
    [InlineData("v: 'true'", """{"v":"true"}""")]
    [InlineData("v: yes", """{"v":true}""")]
    [InlineData("v: ~", """{"v":null}""")]
    [InlineData("v: 0x1F", """{"v":31}""")]
    [InlineData("", "null")]
    [InlineData("[1, x]", """[1,"x"]""")]
    public void Scalars_ResolveAsKubernetesReadsManifests(string yaml, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(YamlToJson.Convert(Encoding.UTF8.GetBytes(yaml))));
    }

    [Fact]
    public void MalformedYaml_IsAFormatException()
    {
        Assert.Throws<FormatException>(() => YamlToJson.Convert("a: [1, 2\n"u8));
        Assert.Throws<FormatException>(() => YamlToJson.Convert("a: *missing\n"u8));
    }
}
