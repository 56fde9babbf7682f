using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.FieldManagement;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Patching;

public static partial class PatchApplier
{
    /// <summary>
    /// Checks the options of a PATCH as upstream validates PatchOptions: <c>force</c> only for apply, and apply
    /// needs a <c>fieldManager</c> (422 Invalid otherwise).
    /// </summary>
    public static void CheckOptions(PatchRequest patch, WriteOptions options)
    {
        var errors = new List<FieldError>();
        if (patch.Type != PatchType.Apply && options.Force is not null)
        {
            errors.Add(new FieldError(FieldErrorType.Forbidden, "force", null, "may not be specified for non-apply patch"));
        }
        if (patch.Type == PatchType.Apply && string.IsNullOrEmpty(options.FieldManager))
        {
            errors.Add(new FieldError(FieldErrorType.Required, "fieldManager", null, "is required for apply patch"));
        }
        if (errors.Count > 0)
        {
            throw StatusErrors.Invalid("meta.k8s.io", "PatchOptions", "", errors);
        }
    }

    /// <summary>
    /// Reads an apply body (YAML or JSON): an object of the URL's version, without managedFields, whose unknown
    /// fields are refused, reported or dropped as <c>fieldValidation</c> asks.
    /// </summary>
    public static JsonObject ReadConfiguration(PatchRequest patch, ResourceDefinition resource, WriteOptions options, HttpResponse response)
    {
        if (patch.Document is not JsonObject document)
        {
            throw StatusErrors.BadRequest("error decoding YAML: the apply configuration must be an object");
        }
        var config = (JsonObject)document.DeepClone();
        if (string.IsNullOrEmpty(ObjectJson.GetString(config, "kind")))
        {
            throw StatusErrors.BadRequest($"Object 'Kind' is missing in '{System.Text.Encoding.UTF8.GetString(ObjectJson.Serialize(config))}'");
        }
        var version = ObjectJson.GetString(config, "apiVersion") ?? "";
        if (version != resource.GroupVersion)
        {
            throw StatusErrors.BadRequest(
                $"Incorrect version specified in apply patch. Specified patch version: {version}, expected: {resource.GroupVersion}");
        }
        if ((config["metadata"] as JsonObject)?["managedFields"] is not null)
        {
            throw StatusErrors.BadRequest("metadata.managedFields must be nil");
        }
        // An apply body is YAML (JSON being YAML too), and its problems are reported as YAML's.
        FieldValidation.Check(config, patch.Body, MediaTypes.Yaml, resource, options, response);
        return config;
    }

    /// <summary>
    /// Applies <paramref name="config"/> to <paramref name="current"/> (null: create) for the request's field
    /// manager: 409 Conflict with <c>FieldManagerConflict</c> causes when other managers own fields it changes and
    /// <c>force</c> is not set; 400 when its lists cannot be keyed.
    /// </summary>
    public static JsonObject ApplyConfiguration(JsonObject? current, JsonObject config, ResourceStore store, string name,
        string? subresource, WriteOptions options, DateTimeOffset now)
    {
        JsonObject applied;
        try
        {
            applied = FieldManager.Apply(current, config, options.FieldManager!, options.Force ?? false,
                store.OwnershipScope(subresource), now);
        }
        catch (ApplyConflictException e)
        {
            throw new StatusException(409, "Conflict", e.Message, new StatusDetails
            {
                Causes = e.Conflicts.Select(c => new StatusCause("FieldManagerConflict", "conflict with " + c.Manager.Describe(), c.Field)).ToList(),
            });
        }
        catch (FieldManagementException e)
        {
            var resource = store.Resource;
            var ns = ObjectJson.GetString(ObjectJson.Metadata(current ?? config), "namespace");
            throw StatusErrors.BadRequest(
                $"failed to create typed patch object ({ns}/{name}; {resource.GroupVersion}, Kind={resource.Kind}): {e.Message}");
        }
        CheckIdentity(applied, store.Resource.GroupVersion, store.Resource.Kind, name);
        return applied;
    }
}
