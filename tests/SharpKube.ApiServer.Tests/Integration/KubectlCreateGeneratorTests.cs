using System.Net;
using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// <c>kubectl create &lt;generator&gt;</c>: kubectl 1.32 sends protobuf bodies, kubectl 1.30 JSON ones; both must
/// produce the same object.
/// </summary>
public sealed class KubectlCreateGeneratorTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static readonly string[] ServerSetFields = ["uid", "creationTimestamp", "resourceVersion", "managedFields", "namespace", "name"];

    /// <summary>The resource to get (an optional "/case" tells two runs of one generator apart), scope and generator arguments.</summary>
    public static TheoryData<string, bool, string[]> Generators => new()
    {
        { "namespace", false, ["namespace"] },
        { "configmap", true, ["configmap", "--from-literal=mode=fast", "--from-literal=level=2"] },
        { "secret", true, ["secret", "generic", "--from-literal=password=hunter2", "--type=Opaque"] },
        { "service", true, ["service", "clusterip", "--tcp=80:8080", "--tcp=443"] },
        { "deployment", true, ["deployment", "--image=nginx:1.27", "--replicas=3", "--port=80"] },
        { "job", true, ["job", "--image=busybox:1.36", "--", "echo", "hi"] },
        { "cronjob", true, ["cronjob", "--image=busybox:1.36", "--schedule=*/5 * * * *", "--", "echo", "hi"] },
        { "serviceaccount", true, ["serviceaccount"] },
        { "role", true, ["role", "--verb=get,list", "--resource=pods,deployments.apps", "--resource-name=web"] },
        { "rolebinding", true, ["rolebinding", "--role=reader", "--user=alice", "--group=devs", "--serviceaccount=default:robot"] },
        { "clusterrole", false, ["clusterrole", "--verb=get", "--resource=nodes", "--non-resource-url=/healthz"] },
        { "quota", true, ["quota", "--hard=pods=10,cpu=2,memory=1Gi", "--scopes=NotBestEffort"] },
        { "pdb", true, ["pdb", "--selector=app=web", "--min-available=50%"] },
        { "priorityclass", false, ["priorityclass", "--value=1000", "--description=batch work", "--preemption-policy=Never"] },
        { "ingress", true, ["ingress", "--class=nginx", "--rule=example.com/api*=api:8080", "--rule=example.com/=web:http,tls=cert"] },
        { "deployment/multi", true, ["deployment", "--image=nginx:1.27", "--image=busybox:1.36", "--replicas=0"] },
        { "secret/registry", true, ["secret", "docker-registry", "--docker-server=r.example.com", "--docker-username=u", "--docker-password=p"] },
        { "service/external", true, ["service", "externalname", "--external-name=db.example.com", "--tcp=5432"] },
        { "pdb/max", true, ["pdb", "--selector=app=web", "--max-unavailable=1"] },
        { "clusterrolebinding", false, ["clusterrolebinding", "--clusterrole=view", "--user=bob"] },
    };

    [Theory]
    [MemberData(nameof(Generators))]
    public async Task CreateGenerator_WithProtobufBody_MakesTheSameObjectAsWithJson(string resource, bool namespaced, string[] generator)
    {
        var kubectl130 = KubectlRunner.FindVersioned("1.30");
        Assert.SkipWhen(kubectl130 is null, "kubectl.1.30 is not installed next to kubectl");
        var json = new KubectlRunner(fixture.Server.AdminKubeconfigPath, Path.Combine(fixture.DataDir, "kubectl-130-home"), kubectl130);

        var name = resource.Replace('/', '-');
        resource = resource.Split('/')[0];
        var viaProtobuf = await CreateAndGetAsync(fixture.Kubectl, resource, namespaced, generator, $"pb-{name}");
        var viaJson = await CreateAndGetAsync(json, resource, namespaced, generator, $"js-{name}");

        Assert.True(JsonNode.DeepEquals(viaJson, viaProtobuf),
            $"kubectl 1.30 (JSON):\n{viaJson.ToJsonString()}\nkubectl 1.32 (protobuf):\n{viaProtobuf.ToJsonString()}");
    }

    [Fact]
    public async Task CreateGenerator_WithProtobuf_SendsAProtobufBody()
    {
        var result = await fixture.Kubectl.RunAsync("create", "configmap", "pb-probe", "--from-literal=a=b", "-v=8");

        result.EnsureSuccess();
        Assert.Contains("application/vnd.kubernetes.protobuf", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("can-i", "create", "deployments")]
    [InlineData("can-i", "--list")]
    [InlineData("whoami")]
    public async Task Auth_WithProtobufReviews_Succeeds(params string[] arguments)
    {
        var result = await fixture.Kubectl.RunAsync(["auth", .. arguments]);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
    }

    [Fact]
    public async Task Autoscale_WithProtobufBody_CreatesTheAutoscaler()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "pb-autoscale");
        (await fixture.Kubectl.RunAsync("-n", ns, "create", "deployment", "web", "--image=nginx:1.27")).EnsureSuccess();

        (await fixture.Kubectl.RunAsync("-n", ns, "autoscale", "deployment", "web", "--min=2", "--max=5", "--cpu-percent=70"))
            .EnsureSuccess();

        var hpa = JsonNode.Parse((await fixture.Kubectl.RunAsync("-n", ns, "get", "hpa", "web", "-o", "json")).EnsureSuccess().Output)!;
        Assert.Equal(2, hpa["spec"]!["minReplicas"]!.GetValue<int>());
        Assert.Equal(5, hpa["spec"]!["maxReplicas"]!.GetValue<int>());
        Assert.Equal("web", hpa["spec"]!["scaleTargetRef"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WithTruncatedProtobufBody_IsBadRequest()
    {
        using var http = new ApiHttp(fixture.Server);
        byte[] typeMeta = [0x0A, 0x02, .. "v1"u8, 0x12, 0x09, .. "ConfigMap"u8];
        byte[] raw = [0x0A, 0x0B, 0x0A, 0x09, .. "truncated"u8];
        // The raw field claims 30 more bytes than the body holds.
        byte[] unknown = [0x0A, (byte)typeMeta.Length, .. typeMeta, 0x12, (byte)(raw.Length + 30), .. raw];
        byte[] body = [.. "k8s\0"u8, .. unknown];

        var response = await http.SendBytesAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body,
            "application/vnd.kubernetes.protobuf");

        var message = await StatusAssert.IsFailureAsync(response, 400, "BadRequest");
        Assert.Contains("protobuf", message, StringComparison.Ordinal);
        var list = await fixture.Kubectl.RunAsync("get", "configmap", "truncated", "-n", "default");
        Assert.NotEqual(0, list.ExitCode);
    }

    [Fact]
    public async Task Create_WithProtobufBodyOfAnotherKind_IsBadRequest()
    {
        using var http = new ApiHttp(fixture.Server);
        byte[] meta = [0x0A, 0x04, .. "lost"u8];
        byte[] typeMeta = [0x0A, 0x02, .. "v1"u8, 0x12, 0x06, .. "Secret"u8];
        byte[] body = [.. "k8s\0"u8, 0x0A, (byte)typeMeta.Length, .. typeMeta, 0x12, (byte)(meta.Length + 2), 0x0A, (byte)meta.Length, .. meta];

        var response = await http.SendBytesAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body,
            "application/vnd.kubernetes.protobuf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Delete_WithProtobufDeleteOptions_HonoursPreconditionsAndDryRun()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "pb-delete");
        (await fixture.Kubectl.RunAsync("-n", ns, "create", "configmap", "doomed", "--from-literal=a=b")).EnsureSuccess();
        using var http = new ApiHttp(fixture.Server);
        var path = $"/api/v1/namespaces/{ns}/configmaps/doomed";

        // preconditions {uid: "not-the-uid"} → 409
        byte[] wrongUid = [0x12, 0x0D, 0x0A, 0x0B, .. "not-the-uid"u8];
        var conflict = await http.SendBytesAsync(HttpMethod.Delete, path, DeleteOptionsBody(wrongUid), "application/vnd.kubernetes.protobuf");
        await StatusAssert.IsFailureAsync(conflict, 409, "Conflict");

        // gracePeriodSeconds 0, dryRun [All] → 200 and the object stays
        byte[] dryRun = [0x08, 0x00, 0x2A, 0x03, .. "All"u8];
        var dry = await http.SendBytesAsync(HttpMethod.Delete, path, DeleteOptionsBody(dryRun), "application/vnd.kubernetes.protobuf");
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        (await fixture.Kubectl.RunAsync("-n", ns, "get", "configmap", "doomed")).EnsureSuccess();

        // propagationPolicy Foreground → marked for deletion with the foregroundDeletion finalizer
        byte[] foreground = [0x22, 0x0A, .. "Foreground"u8];
        var deleted = await http.SendBytesAsync(HttpMethod.Delete, path, DeleteOptionsBody(foreground), "application/vnd.kubernetes.protobuf");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var live = JsonNode.Parse((await fixture.Kubectl.RunAsync("-n", ns, "get", "configmap", "doomed", "-o", "json")).EnsureSuccess().Output)!;
        Assert.NotNull(live["metadata"]!["deletionTimestamp"]);
        Assert.Contains("foregroundDeletion", live["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task Delete_WithTruncatedProtobufDeleteOptions_IsBadRequest()
    {
        using var http = new ApiHttp(fixture.Server);
        byte[] truncated = [0x12, 0x0D, 0x0A, 0x0B, .. "short"u8];

        var response = await http.SendBytesAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/anything",
            DeleteOptionsBody(truncated), "application/vnd.kubernetes.protobuf");

        await StatusAssert.IsFailureAsync(response, 400, "BadRequest");
    }

    private static byte[] DeleteOptionsBody(byte[] raw)
    {
        byte[] typeMeta = [0x0A, 0x02, .. "v1"u8, 0x12, 0x0D, .. "DeleteOptions"u8];
        return [.. "k8s\0"u8, 0x0A, (byte)typeMeta.Length, .. typeMeta, 0x12, (byte)raw.Length, .. raw];
    }

    private static async Task<JsonObject> CreateAndGetAsync(KubectlRunner kubectl, string resource, bool namespaced, string[] generator,
        string name)
    {
        var scope = namespaced ? new[] { "-n", name } : [];
        if (namespaced)
        {
            (await kubectl.RunAsync("create", "namespace", name)).EnsureSuccess();
        }
        string[] create = ["create", generator[0], .. generator.Length > 1 && !generator[1].StartsWith('-') ? [generator[1]] : Array.Empty<string>()];
        var rest = generator.Skip(create.Length - 1).ToArray();
        // The scope goes first: generators such as job take everything after "--" as the command.
        (await kubectl.RunAsync([.. scope, .. create, name, .. rest])).EnsureSuccess();
        var get = (await kubectl.RunAsync(["get", resource, name, "-o", "json", .. scope])).EnsureSuccess();
        var obj = JsonNode.Parse(get.Output)!.AsObject();
        Normalize(obj, name, obj["metadata"]?["uid"]?.GetValue<string>() ?? "");
        return obj;
    }

    // Drops what the server sets per object and replaces the object's own name and uid wherever they appear.
    private static void Normalize(JsonNode? node, string name, string uid)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("status");
                // Allocated by the server: a different address for each service.
                obj.Remove("clusterIP");
                obj.Remove("clusterIPs");
                if (obj["metadata"] is JsonObject metadata)
                {
                    foreach (var field in ServerSetFields)
                    {
                        metadata.Remove(field);
                    }
                }
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        obj[key] = text.Replace(uid, "<uid>", StringComparison.Ordinal).Replace(name, "<name>", StringComparison.Ordinal);
                    }
                    else
                    {
                        Normalize(value, name, uid);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        array[i] = text.Replace(name, "<name>", StringComparison.Ordinal);
                    }
                    else
                    {
                        Normalize(array[i], name, uid);
                    }
                }
                break;
        }
    }
}
