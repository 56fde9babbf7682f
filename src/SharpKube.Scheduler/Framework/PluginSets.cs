namespace SharpKube.Scheduler.Framework;

/// <summary>The plugins of one profile at each extension point, in order, with the score weights.</summary>
internal sealed record PluginSets(
    IPreEnqueuePlugin[] PreEnqueue,
    IQueueSortPlugin QueueSort,
    IPreFilterPlugin[] PreFilter,
    IFilterPlugin[] Filter,
    IPostFilterPlugin[] PostFilter,
    IPreScorePlugin[] PreScore,
    IScorePlugin[] Score,
    int[] ScoreWeights,
    IReservePlugin[] Reserve,
    IPermitPlugin[] Permit,
    IPreBindPlugin[] PreBind,
    IBindPlugin[] Bind,
    IPostBindPlugin[] PostBind,
    IReadOnlyDictionary<string, IReadOnlyList<ClusterEvent>> EventsByPlugin);
