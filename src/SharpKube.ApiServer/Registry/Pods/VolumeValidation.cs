using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Validates pod volumes: DNS-label names, unique, exactly one source, and the common sources' fields.</summary>
public static class VolumeValidation
{
    private const string FileModeMessage = "must be a number between 0 and 0777 (octal), both inclusive";

    private static readonly string[] HostPathTypes =
        ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];

    private static readonly string[] VolumeFieldPaths =
        ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"];

    /// <summary>Validates the volumes; returns the names of the valid ones, which volume mounts may reference.</summary>
    public static IReadOnlySet<string> Validate(JsonArray? volumes, string path, FieldErrorList errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, volume) in volumes.ObjectItems())
        {
            var itemPath = $"{path}[{index}]";
            var volumeErrors = new FieldErrorList();
            ValidateSource(volume, itemPath, volumeErrors);
            var name = volume.GetStringOrEmpty("name");
            if (name.Length == 0)
            {
                volumeErrors.Required(itemPath + ".name");
            }
            else
            {
                foreach (var message in NameFormat.Dns1123Label(name))
                {
                    volumeErrors.Invalid(itemPath + ".name", name, message);
                }
            }
            if (names.Contains(name))
            {
                volumeErrors.Duplicate(itemPath + ".name", name);
            }
            if (volumeErrors.Count == 0)
            {
                names.Add(name);
            }
            errors.AddRange(volumeErrors);
        }
        return names;
    }

    private static void ValidateSource(JsonObject volume, string path, FieldErrorList errors)
    {
        var count = 0;
        foreach (var kind in VolumeDefaults.SourceKinds)
        {
            if (volume.GetObject(kind) is not { } source)
            {
                continue;
            }
            if (count++ > 0)
            {
                errors.Forbidden(path + "." + kind, "may not specify more than 1 volume type");
                continue;
            }
            ValidateKind(kind, source, path + "." + kind, errors);
        }
        if (count == 0)
        {
            errors.Required(path, "must specify a volume type");
        }
    }

    private static void ValidateKind(string kind, JsonObject source, string path, FieldErrorList errors)
    {
        switch (kind)
        {
            case "hostPath":
                RequireString(source, "path", path, errors);
                var type = source.GetStringOrEmpty("type");
                if (!HostPathTypes.Contains(type))
                {
                    errors.NotSupported(path + ".type", type, HostPathTypes);
                }
                break;
            case "secret":
                RequireString(source, "secretName", path, errors);
                ValidateMode(source, "defaultMode", path, errors);
                ValidateItems(source.GetArray("items"), path + ".items", errors);
                break;
            case "configMap":
                RequireString(source, "name", path, errors);
                ValidateMode(source, "defaultMode", path, errors);
                ValidateItems(source.GetArray("items"), path + ".items", errors);
                break;
            case "persistentVolumeClaim":
                RequireString(source, "claimName", path, errors);
                break;
            case "nfs":
                RequireString(source, "server", path, errors);
                RequireString(source, "path", path, errors);
                var nfsPath = source.GetStringOrEmpty("path");
                if (nfsPath.Length > 0 && !nfsPath.StartsWith('/'))
                {
                    errors.Invalid(path + ".path", nfsPath, "must be an absolute path");
                }
                break;
            case "csi":
                RequireString(source, "driver", path, errors);
                break;
            case "ephemeral" when !source.Has("volumeClaimTemplate"):
                errors.Required(path + ".volumeClaimTemplate");
                break;
            case "downwardAPI":
                ValidateMode(source, "defaultMode", path, errors);
                ValidateDownwardApiItems(source.GetArray("items"), path + ".items", errors);
                break;
            case "projected":
                ValidateMode(source, "defaultMode", path, errors);
                foreach (var (index, projection) in source.GetArray("sources").ObjectItems())
                {
                    var itemPath = $"{path}.sources[{index}]";
                    ValidateItems(projection.GetObject("secret")?.GetArray("items"), itemPath + ".secret.items", errors);
                    ValidateItems(projection.GetObject("configMap")?.GetArray("items"), itemPath + ".configMap.items", errors);
                    ValidateDownwardApiItems(projection.GetObject("downwardAPI")?.GetArray("items"), itemPath + ".downwardAPI.items", errors);
                    if (projection.GetObject("serviceAccountToken") is { } token)
                    {
                        if (token.GetInt64("expirationSeconds") is < 600 and var seconds)
                        {
                            errors.Invalid(itemPath + ".serviceAccountToken.expirationSeconds", seconds,
                                "may not specify a duration less than 10 minutes");
                        }
                        RequireString(token, "path", itemPath + ".serviceAccountToken", errors);
                    }
                }
                break;
        }
    }

    private static void ValidateItems(JsonArray? items, string path, FieldErrorList errors)
    {
        foreach (var (index, item) in items.ObjectItems())
        {
            var itemPath = $"{path}[{index}]";
            RequireString(item, "key", itemPath, errors);
            ValidateItemPath(item, itemPath, errors);
            ValidateMode(item, "mode", itemPath, errors);
        }
    }

    private static void ValidateDownwardApiItems(JsonArray? items, string path, FieldErrorList errors)
    {
        foreach (var (index, item) in items.ObjectItems())
        {
            var itemPath = $"{path}[{index}]";
            ValidateItemPath(item, itemPath, errors);
            ValidateMode(item, "mode", itemPath, errors);
            if (item.GetObject("fieldRef") is { } fieldRef)
            {
                ContainerFieldValidation.ValidateFieldRef(fieldRef, VolumeFieldPaths, itemPath + ".fieldRef", errors);
            }
        }
    }

    private static void ValidateItemPath(JsonObject item, string itemPath, FieldErrorList errors)
    {
        var path = item.GetStringOrEmpty("path");
        if (path.Length == 0)
        {
            errors.Required(itemPath + ".path");
        }
        PathRules.ValidateLocalNonReservedPath(path, itemPath + ".path", errors);
    }

    private static void ValidateMode(JsonObject source, string key, string path, FieldErrorList errors)
    {
        if (source.GetInt64(key) is { } mode && mode is < 0 or > 511)
        {
            errors.Invalid(path + "." + key, mode, FileModeMessage);
        }
    }

    private static void RequireString(JsonObject source, string key, string path, FieldErrorList errors)
    {
        if (source.GetStringOrEmpty(key).Length == 0)
        {
            errors.Required(path + "." + key);
        }
    }
}
