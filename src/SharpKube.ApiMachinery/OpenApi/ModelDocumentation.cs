using System.Collections.Frozen;
using System.Text;
using System.Xml;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// The descriptions of the KubernetesClient model types and their properties: the <c>summary</c> of each
/// <c>k8s.Models</c> member in the package's XML documentation, which is upstream's API documentation. The build
/// cuts the file down to those summaries (ModelDocumentation.xslt) and embeds it; it is read once, on first use.
/// </summary>
internal sealed class ModelDocumentation
{
    private const string ResourceName = "SharpKube.ApiMachinery.OpenApi.KubernetesClient.Models.xml";

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
        using var stream = typeof(ModelDocumentation).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            return new ModelDocumentation(summaries.ToFrozenDictionary(StringComparer.Ordinal));
        }
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit });
        var onMember = reader.ReadToFollowing("member");
        while (onMember)
        {
            var name = reader.GetAttribute("name");
            // Reading the content leaves the reader on the next node, which may already be the next member.
            var summary = reader.ReadElementContentAsString();
            if (name is not null)
            {
                summaries[name] = Normalize(summary);
            }
            onMember = (reader.NodeType == XmlNodeType.Element && reader.LocalName == "member") || reader.ReadToFollowing("member");
        }
        return new ModelDocumentation(summaries.ToFrozenDictionary(StringComparer.Ordinal));
    }

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
