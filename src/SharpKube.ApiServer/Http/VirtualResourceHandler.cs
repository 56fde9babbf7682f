using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiServer.Authentication;
using SharpKube.ApiServer.Responses;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Http;

/// <summary>
/// Resources that are not stored: <c>bindings</c>, <c>componentstatuses</c>, and the review kinds of
/// authentication.k8s.io and authorization.k8s.io, answered from the request itself. Until authorization
/// exists every authenticated user may do everything, and the access reviews say so.
/// </summary>
public sealed class VirtualResourceHandler
{
    private readonly ResourceCatalog _catalog;
    private readonly ITokenAuthenticator _tokens;
    private readonly TimeProvider _time;

    /// <summary>Creates the handler.</summary>
    public VirtualResourceHandler(ResourceCatalog catalog, ITokenAuthenticator tokens, TimeProvider time)
    {
        _catalog = catalog;
        _tokens = tokens;
        _time = time;
    }

    /// <summary>Handles a request for a resource that is not persisted.</summary>
    public async Task HandleAsync(HttpContext context, ResourceDefinition resource, ApiPath path)
    {
        var method = context.Request.Method;
        if (resource.Plural == "componentstatuses" && HttpMethods.IsGet(method))
        {
            await ComponentStatusesAsync(context, path.Name).ConfigureAwait(false);
            return;
        }
        if (!HttpMethods.IsPost(method) || path.Name is not null || path.Subresource is not null)
        {
            throw ApiRequestHandler.NotAllowed();
        }
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var obj = RequestBody.DecodeObject(body, context.Request.ContentType, resource, resource.Kind, resource.GroupVersion);
        if (resource.Plural == "bindings")
        {
            var pods = _catalog.Find("", "v1", "pods")!.Store;
            var name = ObjectJson.GetString(ObjectJson.Metadata(obj), "name") ?? "";
            await PodBinding.BindAsync(pods, path.Namespace!, name, obj, WriteQuery.Parse(context.Request), _time, context.RequestAborted)
                .ConfigureAwait(false);
            await StatusResponse.WriteSuccessAsync(context.Response, new StatusDetails()).ConfigureAwait(false);
            return;
        }
        var user = context.Features.Get<UserInfo>();
        obj["status"] = resource.Plural switch
        {
            "selfsubjectreviews" => new JsonObject { ["userInfo"] = UserJson(user) },
            "tokenreviews" => TokenReview(obj),
            "selfsubjectrulesreviews" => new JsonObject
            {
                ["resourceRules"] = new JsonArray(new JsonObject
                {
                    ["verbs"] = new JsonArray("*"), ["apiGroups"] = new JsonArray("*"), ["resources"] = new JsonArray("*"),
                }),
                ["nonResourceRules"] = new JsonArray(new JsonObject
                {
                    ["verbs"] = new JsonArray("*"), ["nonResourceURLs"] = new JsonArray("*"),
                }),
                ["incomplete"] = false,
            },
            _ => new JsonObject { ["allowed"] = true, ["reason"] = "every authenticated user is allowed: authorization is not enforced" },
        };
        ObjectJson.Metadata(obj)["creationTimestamp"] = null;
        context.Response.StatusCode = 201;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(ObjectJson.Serialize(obj), context.RequestAborted).ConfigureAwait(false);
    }

    private JsonObject TokenReview(JsonObject review)
    {
        var token = ObjectJson.GetString(review["spec"] as JsonObject, "token");
        var user = string.IsNullOrEmpty(token) ? null : _tokens.AuthenticateToken(token);
        return user is null
            ? new JsonObject { ["authenticated"] = false, ["user"] = new JsonObject(), ["error"] = "invalid bearer token" }
            : new JsonObject { ["authenticated"] = true, ["user"] = UserJson(user.WithGroup(SystemGroups.Authenticated)) };
    }

    private static JsonObject UserJson(UserInfo? user)
    {
        var json = new JsonObject { ["username"] = user?.Name ?? "system:anonymous" };
        if (user?.Uid is { } uid)
        {
            json["uid"] = uid;
        }
        json["groups"] = new JsonArray([.. (user?.Groups ?? [SystemGroups.Unauthenticated]).Select(g => (JsonNode?)g)]);
        if (user?.Extra is { Count: > 0 } extra)
        {
            var extraJson = new JsonObject();
            foreach (var (key, values) in extra)
            {
                extraJson[key] = new JsonArray([.. values.Select(v => (JsonNode?)v)]);
            }
            json["extra"] = extraJson;
        }
        return json;
    }

    private async Task ComponentStatusesAsync(HttpContext context, string? name)
    {
        var etcd = new JsonObject
        {
            ["kind"] = "ComponentStatus",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["name"] = "etcd-0" },
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Healthy", ["status"] = "True", ["message"] = "ok",
            }),
        };
        if (name is not null)
        {
            if (name != "etcd-0")
            {
                throw new StatusException(404, "NotFound", $"componentstatuses \"{name}\" not found",
                    new StatusDetails { Name = name, Kind = "componentstatuses" });
            }
            await context.Response.Body.WriteAsync(ObjectJson.Serialize(etcd), context.RequestAborted).ConfigureAwait(false);
            return;
        }
        var list = new JsonObject
        {
            ["kind"] = "ComponentStatusList",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["items"] = new JsonArray(etcd),
        };
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(ObjectJson.Serialize(list), context.RequestAborted).ConfigureAwait(false);
        _ = _time;
    }
}
