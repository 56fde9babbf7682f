using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.Http;

/// <summary>YAML request bodies, converted to JSON.</summary>
public static class YamlBodies
{
    /// <summary>Converts a YAML document to JSON bytes; 400 when it is not valid YAML.</summary>
    public static byte[] ToJson(byte[] yaml)
    {
        try
        {
            return ApiMachinery.Serialization.YamlToJson.Convert(yaml);
        }
        catch (FormatException e)
        {
            throw StatusErrors.BadRequest($"error converting YAML to JSON: {e.Message}");
        }
    }
}
