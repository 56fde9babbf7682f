using System.Collections.Frozen;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// The descriptions of the KubernetesClient model types and their properties: the <c>summary</c> of each
/// <c>k8s.Models</c> member in the package's XML documentation, which is upstream's API documentation. The file
/// is embedded zipped in this assembly and read once, on first use.
/// </summary>
internal sealed class ModelDocumentation
{
    private const string ResourceName = "SharpKube.ApiMachinery.OpenApi.KubernetesClient.xml.zip";

    private static readonly Lazy<ModelDocumentation> LazyShared = new(Load);

    private readonly FrozenDictionary<string, string> _summaries;

    private ModelDocumentation(FrozenDictionary<string, string> summaries) => _summaries = summaries;

    /// <summary>The documentation of the KubernetesClient package this assembly was built against.</summary>
    public static ModelDocumentation Shared => LazyShared.Value;

    /// <summary>How many members are documented.</summary>
    public int Count => _summaries.Count;

    /// <summary>The description of a model type, or null.</summary>
    public string? OfType(Type type) => _summaries.GetValueOrDefault("T:" + type.FullName);

    /// <summary>The description of a model property (by its CLR name), or null.</summary>
    public string? OfProperty(Type type, string propertyName) =>
        _summaries.GetValueOrDefault("P:" + type.FullName + "." + propertyName);

    private static ModelDocumentation Load()
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        using var zip = typeof(ModelDocumentation).Assembly.GetManifestResourceStream(ResourceName);
        if (zip is null)
        {
            return new ModelDocumentation(summaries.ToFrozenDictionary(StringComparer.Ordinal));
        }
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        using var stream = archive.Entries[0].Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit });
        while (reader.ReadToFollowing("member"))
        {
            var name = reader.GetAttribute("name");
            if (name is null || !IsModelMember(name))
            {
                continue;
            }
            using var member = reader.ReadSubtree();
            if (member.ReadToDescendant("summary"))
            {
                summaries[name] = Normalize(member.ReadElementContentAsString());
            }
        }
        return new ModelDocumentation(summaries.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static bool IsModelMember(string name) =>
        name.StartsWith("T:k8s.Models.", StringComparison.Ordinal) || name.StartsWith("P:k8s.Models.", StringComparison.Ordinal);

    /// <summary>
    /// Undoes the XML file's line wrapping: lines of one paragraph are joined by a space, blank lines stay
    /// paragraph breaks (<c>\n\n</c>), as in upstream's descriptions.
    /// </summary>
    internal static string Normalize(string summary)
    {
        var text = new StringBuilder(summary.Length);
        var pendingBreak = false;
        foreach (var raw in summary.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                pendingBreak = text.Length > 0;
                continue;
            }
            if (text.Length > 0)
            {
                text.Append(pendingBreak ? "\n\n" : " ");
            }
            text.Append(line);
            pendingBreak = false;
        }
        return text.ToString();
    }
}
