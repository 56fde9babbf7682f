using SharpKube.Scheduler.Configuration;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Configuration;

public sealed class SchedulerConfigurationParserTests
{
    private const string Header = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";

    private static readonly PluginRegistry Registry = InTreePlugins.CreateRegistry();

    private static SchedulerConfiguration Parse(string yaml) => SchedulerConfigurationParser.Parse(yaml, "test.yaml", Registry);

    private static SchedulingFramework Build(SchedulerProfile profile) =>
        FrameworkBuilder.Build(profile, Registry, new FrameworkHandle(Make.NowhereClient(), new Snapshot()));

    [Fact]
    public void AFullExample_SetsEveryField()
    {
        var configuration = Parse(Header + """
            parallelism: 4
            percentageOfNodesToScore: 30
            podInitialBackoffSeconds: 2
            podMaxBackoffSeconds: 20
            leaderElection:
              leaderElect: false
              leaseDuration: 1m30s
              renewDeadline: 20s
              retryPeriod: 500ms
              resourceLock: leases
              resourceName: my-scheduler
              resourceNamespace: scheduling
            clientConnection:
              kubeconfig: /etc/sharpkube/scheduler.kubeconfig
              qps: 100
              burst: 200
            profiles:
            - schedulerName: default-scheduler
            - schedulerName: bin-packing
              percentageOfNodesToScore: 100
              plugins:
                score:
                  enabled:
                  - name: NodeResourcesFit
                    weight: 5
                  disabled:
                  - name: "*"
              pluginConfig:
              - name: NodeResourcesFit
                args:
                  scoringStrategy:
                    type: MostAllocated
                    resources:
                    - name: cpu
                      weight: 1
            """);

        Assert.Equal(4, configuration.Parallelism);
        Assert.Equal(30, configuration.PercentageOfNodesToScore);
        Assert.Equal(2, configuration.PodInitialBackoffSeconds);
        Assert.Equal(20, configuration.PodMaxBackoffSeconds);
        Assert.Equal(new LeaderElectionConfiguration
        {
            LeaderElect = false,
            LeaseDuration = TimeSpan.FromSeconds(90),
            RenewDeadline = TimeSpan.FromSeconds(20),
            RetryPeriod = TimeSpan.FromMilliseconds(500),
            ResourceName = "my-scheduler",
            ResourceNamespace = "scheduling",
        }, configuration.LeaderElection);
        Assert.Equal(new ClientConnectionConfiguration { Kubeconfig = "/etc/sharpkube/scheduler.kubeconfig", Qps = 100, Burst = 200 },
            configuration.ClientConnection);
        Assert.Equal(["default-scheduler", "bin-packing"], configuration.Profiles.Select(p => p.SchedulerName));
        var binPacking = configuration.Profiles[1];
        Assert.Equal(100, binPacking.PercentageOfNodesToScore);
        var framework = Build(binPacking);
        Assert.Equal(["NodeResourcesFit"], framework.EnabledPlugins[ExtensionPoint.Score]);
        Assert.Equal(5, framework.ScoreWeights["NodeResourcesFit"]);
        Assert.Equal("MostAllocated", binPacking.PluginArgs["NodeResourcesFit"]["scoringStrategy"]!["type"]!.GetValue<string>());

        var options = configuration.ApplyTo(new Hosting.SchedulerOptions());
        Assert.False(options.LeaderElect);
        Assert.Equal("my-scheduler", options.LeaseName);
        Assert.Equal("scheduling", options.LeaseNamespace);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Queue.PodInitialBackoff);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Queue.PodMaxBackoff);
        Assert.Equal(4, options.Parallelism);
        Assert.Same(configuration.Profiles, options.Profiles);
    }

    [Fact]
    public void AConfigurationWithOnlyItsType_GetsUpstreamDefaults()
    {
        var configuration = Parse(Header);

        var profile = Assert.Single(configuration.Profiles);
        Assert.Equal(DefaultProfile.Create(Registry).MultiPoint.Enabled, profile.MultiPoint.Enabled);
        Assert.Equal("default-scheduler", profile.SchedulerName);
        Assert.Equal(0, configuration.PercentageOfNodesToScore);
        Assert.Equal(1, configuration.PodInitialBackoffSeconds);
        Assert.Equal(10, configuration.PodMaxBackoffSeconds);
        Assert.Null(configuration.Parallelism);
        Assert.Equal(new LeaderElectionConfiguration(), configuration.LeaderElection);
        Assert.True(configuration.LeaderElection.LeaderElect);
        Assert.Equal(TimeSpan.FromSeconds(15), configuration.LeaderElection.LeaseDuration);
        Assert.Equal("kube-scheduler", configuration.LeaderElection.ResourceName);
        Assert.Equal(50, configuration.ClientConnection.Qps);
    }

    [Fact]
    public void AProfileWithoutPlugins_GetsTheDefaultPlugins_AndALoneUnnamedProfileIsTheDefaultScheduler()
    {
        var configuration = Parse(Header + "profiles:\n- percentageOfNodesToScore: 50\n");

        var profile = Assert.Single(configuration.Profiles);
        Assert.Equal("default-scheduler", profile.SchedulerName);
        Assert.Equal(DefaultProfile.Create(Registry).MultiPoint.Enabled, profile.MultiPoint.Enabled);
    }

    [Fact]
    public void MultiPoint_DisabledStar_DropsEveryDefault_AndKeepsOnlyWhatTheFileEnables()
    {
        var configuration = Parse(Header + """
            profiles:
            - schedulerName: minimal
              plugins:
                multiPoint:
                  enabled:
                  - name: PrioritySort
                  - name: NodeResourcesFit
                    weight: 3
                  - name: DefaultBinder
                  disabled:
                  - name: "*"
            """);

        var framework = Build(configuration.Profiles[0]);
        Assert.Equal(["PrioritySort", "NodeResourcesFit", "DefaultBinder"], configuration.Profiles[0].MultiPoint.Enabled.Select(p => p.Name));
        Assert.Equal(["NodeResourcesFit"], framework.EnabledPlugins[ExtensionPoint.Filter]);
        Assert.Equal(3, framework.ScoreWeights["NodeResourcesFit"]);
        Assert.Empty(framework.EnabledPlugins[ExtensionPoint.PreEnqueue]);
    }

    [Fact]
    public void MultiPoint_ADefaultEnabledAgain_KeepsItsPlaceWithTheFilesWeight_AndADisabledDefaultIsGone()
    {
        var configuration = Parse(Header + """
            profiles:
            - plugins:
                multiPoint:
                  enabled:
                  - name: NodeResourcesFit
                    weight: 7
                  disabled:
                  - name: TaintToleration
            """);

        var enabled = configuration.Profiles[0].MultiPoint.Enabled;
        var expected = DefaultProfile.Create(Registry).MultiPoint.Enabled
            .Where(p => p.Name != "TaintToleration")
            .Select(p => p.Name == "NodeResourcesFit" ? new PluginRef("NodeResourcesFit", 7) : p);
        Assert.Equal(expected, enabled);
        var framework = Build(configuration.Profiles[0]);
        Assert.DoesNotContain("TaintToleration", framework.EnabledPlugins[ExtensionPoint.Score]);
        Assert.Equal(7, framework.ScoreWeights["NodeResourcesFit"]);
    }

    [Fact]
    public void PluginConfig_ArgsMayCarryTheirTypeMeta_AndReachThePlugin()
    {
        var configuration = Parse(Header + """
            profiles:
            - pluginConfig:
              - name: NodeResourcesFit
                args:
                  apiVersion: kubescheduler.config.k8s.io/v1
                  kind: NodeResourcesFitArgs
                  ignoredResources: [example.com/foo]
            """);

        var args = configuration.Profiles[0].PluginArgs["NodeResourcesFit"];
        Assert.Null(args["kind"]);
        Assert.Contains("example.com/foo", SharpKube.Scheduler.Plugins.NodeResourcesFit.NodeResourcesFitArgs.Parse(args).IgnoredResources);
    }

    [Fact]
    public void PluginConfig_RequestedToCapacityRatio_IsAccepted()
    {
        var configuration = Parse(Header + """
            profiles:
            - pluginConfig:
              - name: NodeResourcesFit
                args:
                  scoringStrategy:
                    type: RequestedToCapacityRatio
                    resources: [{name: cpu, weight: 3}, {name: memory, weight: 1}]
                    requestedToCapacityRatio:
                      shape: [{utilization: 0, score: 10}, {utilization: 100, score: 0}]
            """);

        var args = SharpKube.Scheduler.Plugins.NodeResourcesFit.NodeResourcesFitArgs.Parse(configuration.Profiles[0].PluginArgs["NodeResourcesFit"]);
        Assert.Equal(SharpKube.Scheduler.Plugins.NodeResourcesFit.ScoringStrategyType.RequestedToCapacityRatio, args.ScoringStrategy);
        Assert.Equal(2, args.Shape.Count);
    }

    [Fact]
    public void PluginConfig_AddedAffinityAndBalancedResources_ReachThePlugins()
    {
        var configuration = Parse(Header + """
            profiles:
            - pluginConfig:
              - name: NodeAffinity
                args:
                  addedAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                      - matchExpressions: [{key: pool, operator: In, values: [batch]}]
              - name: NodeResourcesBalancedAllocation
                args:
                  resources: [{name: cpu, weight: 1}, {name: memory, weight: 1}, {name: ephemeral-storage, weight: 1}]
            """);

        var profile = configuration.Profiles[0];
        var affinity = SharpKube.Scheduler.Plugins.NodeAffinity.NodeAffinityArgs.Parse(profile.PluginArgs["NodeAffinity"]).AddedAffinity;
        Assert.Equal("pool", affinity?.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms[0].MatchExpressions[0].Key);
        var balanced = SharpKube.Scheduler.Plugins.NodeResourcesBalancedAllocation.NodeResourcesBalancedAllocationArgs.Parse(profile.PluginArgs["NodeResourcesBalancedAllocation"]);
        Assert.Equal(["cpu", "memory", "ephemeral-storage"], balanced.Resources.Select(r => r.Name));
        Build(profile);
    }

    [Fact]
    public void Json_IsReadToo()
    {
        var configuration = Parse("""
            {"apiVersion": "kubescheduler.config.k8s.io/v1", "kind": "KubeSchedulerConfiguration",
             "profiles": [{"schedulerName": "a"}, {"schedulerName": "b"}], "podMaxBackoffSeconds": 30}
            """);

        Assert.Equal(["a", "b"], configuration.Profiles.Select(p => p.SchedulerName));
        Assert.Equal(30, configuration.PodMaxBackoffSeconds);
    }

    [Theory]
    [InlineData("apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n",
        "no kind \"KubeSchedulerConfiguration\" is registered for version \"kubescheduler.config.k8s.io/v1beta3\"")]
    [InlineData("apiVersion: kubescheduler.config.k8s.io/v1\nkind: Pod\n", "no kind \"Pod\" is registered")]
    [InlineData(Header + "profiles:\n- plugins:\n    score:\n      enabled:\n      - name: NoSuchPlugin\n",
        "profiles[0].plugins.score.enabled[0].name: Invalid value: \"NoSuchPlugin\": plugin \"NoSuchPlugin\" does not exist")]
    [InlineData(Header + "profiles:\n- pluginConfig:\n  - name: Nope\n", "profiles[0].pluginConfig[0].name: Invalid value: \"Nope\": plugin \"Nope\" does not exist")]
    [InlineData(Header + "profiles:\n- plugins:\n    score:\n      enabled:\n      - name: NodeResourcesFit\n        weight: -1\n",
        "profiles[0].plugins.score.enabled[0].weight: Invalid value: -1: must be in the range [0, 100]")]
    [InlineData(Header + "profiles:\n- plugins:\n    multiPoint:\n      enabled:\n      - name: TaintToleration\n        weight: 101\n",
        "profiles[0].plugins.multiPoint.enabled[0].weight: Invalid value: 101: must be in the range [0, 100]")]
    [InlineData(Header + "profiles:\n- plugins:\n    bind:\n      enabled:\n      - name: NodePorts\n",
        "profiles[0]: plugin \"NodePorts\" does not extend Bind plugin")]
    [InlineData(Header + "percentageOfNodesToScore: 101\n", "percentageOfNodesToScore: Invalid value: 101: not in valid range [0-100]")]
    [InlineData(Header + "profiles:\n- percentageOfNodesToScore: -1\n",
        "profiles[0].percentageOfNodesToScore: Invalid value: -1: not in valid range [0-100]")]
    [InlineData(Header + "podInitialBackoffSeconds: 5\npodMaxBackoffSeconds: 2\n",
        "podMaxBackoffSeconds: Invalid value: 2: must be greater than or equal to PodInitialBackoffSeconds")]
    [InlineData(Header + "podInitialBackoffSeconds: 0\n", "podInitialBackoffSeconds: Invalid value: 0: must be greater than 0")]
    [InlineData(Header + "parallelism: 0\n", "parallelism: Invalid value: 0: should be an integer value greater than zero")]
    [InlineData(Header + "profiles:\n- schedulerName: a\n- schedulerName: a\n", "profiles[1].schedulerName: Duplicate value: \"a\"")]
    [InlineData(Header + "profiles:\n- schedulerName: a\n- percentageOfNodesToScore: 1\n", "profiles[1].schedulerName: Required value")]
    [InlineData(Header + "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n  - name: NodeResourcesFit\n",
        "profiles[0].pluginConfig[1]: Duplicate value: \"NodeResourcesFit\"")]
    [InlineData(Header + "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: Random\n",
        "profiles[0]: scoringStrategy.type: Unsupported value: \"Random\"")]
    [InlineData(Header + "profiles:\n- pluginConfig:\n  - name: NodeResourcesBalancedAllocation\n    args:\n      resources: [{name: cpu, weight: 3}]\n",
        "profiles[0]: resources[0].weight: Invalid value: 3: must be 1")]
    [InlineData(Header + "profiles:\n- pluginConfig:\n  - name: NodeAffinity\n    args:\n      addedAffinity:\n        requiredDuringSchedulingIgnoredDuringExecution:\n" +
        "          nodeSelectorTerms: [{matchExpressions: [{key: pool, operator: Near, values: [x]}]}]\n",
        "profiles[0]: addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]: pool: unsupported operator \"Near\"")]
    [InlineData(Header + "percentageOfNodesToScor: 5\n", "strict decoding error: unknown field \"percentageOfNodesToScor\"")]
    [InlineData(Header + "profiles:\n- plugins:\n    scores: {}\n", "strict decoding error: unknown field \"profiles[0].plugins.scores\"")]
    [InlineData(Header + "profiles:\n- plugins:\n    score:\n      enabled:\n      - name: NodeResourcesFit\n        wieght: 2\n",
        "strict decoding error: unknown field \"profiles[0].plugins.score.enabled[0].wieght\"")]
    [InlineData(Header + "leaderElection:\n  leaseDuration: soon\n", "leaderElection.leaseDuration: Invalid value: \"soon\": time: invalid duration \"soon\"")]
    [InlineData(Header + "podMaxBackoffSeconds: ten\n", "podMaxBackoffSeconds: Invalid value: \"ten\": must be an integer")]
    [InlineData(Header + "profiles:\n- schedulerName: a\n  plugins:\n    queueSort:\n      enabled: [{name: PrioritySort}]\n" +
        "- schedulerName: b\n  plugins:\n    multiPoint:\n      disabled: [{name: PrioritySort}]\n    queueSort:\n      enabled: [{name: PrioritySort}]\n",
        "")]
    public void BadInput_IsRejected_WithUpstreamsWording(string yaml, string message)
    {
        if (message.Length == 0)
        {
            // A control: profiles that agree on the queue sort are fine.
            Assert.Equal(2, Parse(yaml).Profiles.Count);
            return;
        }

        var error = Assert.Throws<SchedulerConfigurationException>(() => Parse(yaml));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedYaml_IsRejected_WithItsLine()
    {
        var error = Assert.Throws<SchedulerConfigurationException>(() => Parse(Header + "profiles:\n  - schedulerName: a\n   bad: [\n"));

        Assert.StartsWith("invalid scheduler configuration test.yaml: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 5, column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var error = Assert.Throws<SchedulerConfigurationException>(() => Parse(Header + "parallelism: -1\npercentageOfNodesToScore: 200\nextra: 1\n"));

        Assert.Equal(3, error.Errors.Count);
    }
}
