namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>kubectl create -f</c>: each kind, multi-document files, and the errors upstream prints.</summary>
public sealed class KubectlCreateTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task CreateFile_MultiDocument_CreatesANamespaceAndEveryKindInIt()
    {
        var path = _manifests.Write("all-kinds.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: create-multi
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: create-multi
            data:
              mode: fast
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: creds
              namespace: create-multi
            data:
              password: aHVudGVyMg==
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-1
              namespace: create-multi
              labels: {app: web}
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: create-multi
            spec:
              selector: {app: web}
              ports:
              - port: 80
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: create-multi
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.27
            """);

        var result = (await fixture.Kubectl.RunAsync("create", "-f", path)).EnsureSuccess();

        Assert.Equal("""
            namespace/create-multi created
            configmap/settings created
            secret/creds created
            pod/web-1 created
            service/web created
            deployment.apps/web created

            """, result.Output);
        var names = (await fixture.Kubectl.RunAsync("get", "cm,secret,po,svc,deploy", "-n", "create-multi", "-o", "name")).EnsureSuccess();
        Assert.Equal("""
            configmap/settings
            secret/creds
            pod/web-1
            service/web
            deployment.apps/web

            """, names.Output);
    }

    [Theory]
    [InlineData("configmap", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\ndata:\n  k: v\n")]
    [InlineData("secret", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: one\ntype: Opaque\ndata:\n  k: dg==\n")]
    [InlineData("pod", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: one\nspec:\n  containers:\n  - name: c\n    image: busybox\n")]
    [InlineData("service", "apiVersion: v1\nkind: Service\nmetadata:\n  name: one\nspec:\n  ports:\n  - port: 8080\n")]
    [InlineData("deployment.apps", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: one\nspec:\n  selector:\n    matchLabels: {a: b}\n  template:\n    metadata:\n      labels: {a: b}\n    spec:\n      containers:\n      - name: c\n        image: busybox\n")]
    public async Task CreateFile_EachKind_PrintsKindSlashNameCreated(string kind, string yaml)
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "create-" + kind.Replace('.', '-'));
        var path = _manifests.Write(kind + ".yaml", yaml);

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{kind}/one created\n", result.Output);
        (await fixture.Kubectl.RunAsync("get", kind, "one", "-n", ns)).EnsureSuccess();
    }

    [Fact]
    public async Task CreateFile_ADirectory_CreatesEveryManifestInIt()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "create-dir");
        var first = _manifests.Write("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-a\n");
        _manifests.Write("b.json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"from-b"}}""");

        var result = await fixture.Kubectl.RunAsync("create", "-f", Path.GetDirectoryName(first)!, "-n", ns);

        Assert.Equal("configmap/from-a created\nconfigmap/from-b created\n", result.Output);
    }

    [Fact]
    public async Task CreateFile_FromStdin_CreatesTheObject()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "create-stdin");

        var result = await fixture.Kubectl.RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: piped\n", "create", "-f", "-", "-n", ns);

        Assert.Equal("configmap/piped created\n", result.Output);
    }

    [Fact]
    public async Task CreateFile_WhenTheObjectExists_PrintsAlreadyExistsWithTheFileName()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "create-exists");
        var path = _manifests.Write("f.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        (await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns)).EnsureSuccess();

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"Error from server (AlreadyExists): error when creating \"{path}\": configmaps \"x\" already exists\n", result.Error);
    }

    [Fact]
    public async Task CreateFile_ADeploymentThatExists_NamesTheResourceWithItsGroup()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "create-exists-deploy");
        var path = _manifests.Write("d.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              selector:
                matchLabels: {app: api}
              template:
                metadata:
                  labels: {app: api}
                spec:
                  containers:
                  - name: c
                    image: busybox
            """);
        (await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns)).EnsureSuccess();

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns);

        Assert.Equal($"Error from server (AlreadyExists): error when creating \"{path}\": deployments.apps \"api\" already exists\n", result.Error);
    }

    [Fact]
    public async Task CreateFile_AnInvalidPod_ListsEachFieldErrorAsABullet()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "create-invalid");
        var path = _manifests.Write("bad-pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: bad
            spec:
              restartPolicy: Sometimes
              containers:
              - name: c
            """);

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("""
            The Pod "bad" is invalid: 
            * spec.containers[0].image: Required value
            * spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"

            """, result.Error);
    }

    [Fact]
    public async Task CreateFile_APodWithAnInvalidName_ReportsTheRfc1123Rule()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "create-bad-name");
        var path = _manifests.Write("bad-name.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: Web_1\nspec:\n  containers:\n  - name: c\n    image: nginx\n");

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns);

        Assert.Equal("""
            The Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')

            """, result.Error);
    }

    [Fact]
    public async Task CreateFile_WithAnUnknownField_FailsStrictDecoding()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "create-strict");
        var path = _manifests.Write("strict.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: strict
            spec:
              foo: 1
              selector:
                matchLabels: {a: b}
              template:
                metadata:
                  labels: {a: b}
                spec:
                  containers:
                  - name: c
                    image: nginx
            """);

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"Error from server (BadRequest): error when creating \"{path}\": Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.foo\"\n", result.Error);
    }

    [Fact]
    public async Task CreateFile_WithTwoUnknownFields_ListsBoth()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "create-strict-two");
        var path = _manifests.Write("strict2.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  colour: red\nsize: 3\n");

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns);

        Assert.Equal($"Error from server (BadRequest): error when creating \"{path}\": ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"metadata.colour\", unknown field \"size\"\n", result.Error);
    }

    [Fact]
    public async Task CreateFile_WithAnInvalidLabelValue_IsInvalid()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "create-bad-label");
        var path = _manifests.Write("bad-label.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    tier: -bad-\n");

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("The ConfigMap \"c\" is invalid: metadata.labels: Invalid value: \"-bad-\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateFile_InANamespaceCreatedJustBefore_FindsTheNamespace()
    {
        // The namespace check reads the watch cache; a namespace created by the document before must be seen.
        for (var i = 0; i < 5; i++)
        {
            var path = _manifests.Write($"ns-then-cm-{i}.yaml", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: create-fresh-{i}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: create-fresh-{i}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: create-fresh-{i}-b\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: create-fresh-{i}-b\n");

            var result = await fixture.Kubectl.RunAsync("create", "-f", path);

            Assert.Equal($"namespace/create-fresh-{i} created\nconfigmap/c created\nnamespace/create-fresh-{i}-b created\nsecret/s created\n", result.Output + result.Error);
        }
    }

    [Fact]
    public async Task CreateFile_WithValidateFalse_DropsTheUnknownField()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "create-validate-false");
        var path = _manifests.Write("lax.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lax\nsize: 3\n");

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns, "--validate=false");

        Assert.Equal("configmap/lax created\n", result.Output);
        var yaml = (await fixture.Kubectl.RunAsync("get", "cm", "lax", "-n", ns, "-o", "yaml")).EnsureSuccess();
        Assert.DoesNotContain("size", yaml.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateFile_InAMissingNamespace_PrintsNamespaceNotFound()
    {
        var path = _manifests.Write("nowhere.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: does-not-exist\n");

        var result = await fixture.Kubectl.RunAsync("create", "-f", path);

        Assert.Equal($"Error from server (NotFound): error when creating \"{path}\": namespaces \"does-not-exist\" not found\n", result.Error);
    }

    [Fact]
    public async Task CreateFile_WithGenerateName_PrintsTheGeneratedName()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "create-generate-name");
        var path = _manifests.Write("gen.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: gen-\n");

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns);

        Assert.Matches("^configmap/gen-[a-z0-9]{5} created\n$", result.Output);
    }

    [Fact]
    public async Task CreateFile_DryRunServer_CreatesNothing()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "create-dry-run");
        var path = _manifests.Write("dry.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry\n");

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns, "--dry-run=server");

        Assert.Equal("configmap/dry created (server dry run)\n", result.Output);
        var get = await fixture.Kubectl.RunAsync("get", "cm", "dry", "-n", ns);
        Assert.Equal("Error from server (NotFound): configmaps \"dry\" not found\n", get.Error);
    }
}
