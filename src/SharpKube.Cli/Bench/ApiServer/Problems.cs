using SharpKube.Cli.Bench.ApiServer.Results;

namespace SharpKube.Cli.Bench.ApiServer;

/// <summary>What a run found wrong rather than slow: error responses, pods missing from a list, watch events lost.</summary>
internal static class Problems
{
    /// <summary>One line per problem; empty when the server answered everything correctly.</summary>
    public static IReadOnlyList<string> Find(
        long podsCreated, int podsWanted, IReadOnlyList<RequestPhaseResult> create, RequestPhaseResult get,
        IReadOnlyList<RequestPhaseResult> update, IReadOnlyList<ListPhaseResult> list, WatchPhaseResult watch)
    {
        var problems = new List<string>();
        foreach (var phase in create.Concat([get]).Concat(update))
        {
            if (phase.Errors > 0)
            {
                problems.Add($"{phase.Phase}, {phase.Clients} clients: {phase.Errors:N0} error responses; first: {phase.FirstError}");
            }
        }

        var created = create.Sum(c => c.Requests);
        if (podsCreated < podsWanted || created != podsCreated)
        {
            problems.Add($"create: {created:N0} of {podsWanted:N0} pods created");
        }

        foreach (var l in list.Where(l => l.Items != created))
        {
            problems.Add($"list as {l.Format}: {l.Items:N0} items, but {created:N0} pods were created");
        }

        if (watch.MissedEvents > 0)
        {
            problems.Add($"watch: {watch.MissedEvents:N0} events missed ({watch.WatchersWithEveryEvent:N0} of {watch.Watchers:N0} watchers saw every write)");
        }

        if (watch.DuplicateEvents > 0 || watch.OutOfOrderEvents > 0)
        {
            problems.Add($"watch: {watch.DuplicateEvents:N0} duplicate and {watch.OutOfOrderEvents:N0} out-of-order events");
        }

        if (watch.WriteErrors > 0)
        {
            problems.Add($"watch: {watch.WriteErrors:N0} of the writer's patches failed");
        }

        if (watch.Error is not null)
        {
            problems.Add($"watch: {watch.Error}");
        }

        return problems;
    }
}
