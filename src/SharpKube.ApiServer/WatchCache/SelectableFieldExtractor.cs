using System.Text.Json;

namespace SharpKube.ApiServer.WatchCache;

/// <summary>Computes an object's field-selector values (e.g. <c>spec.nodeName</c>) from its JSON.</summary>
public delegate IReadOnlyDictionary<string, string> SelectableFieldExtractor(JsonElement obj);
