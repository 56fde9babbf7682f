namespace SharpKube.Cli.Bench.ApiServer.Results;

/// <summary>Pod watchers, all from one resourceVersion, while a writer patches pods at a fixed rate.</summary>
/// <param name="Watchers">Concurrent watches of the run's namespace.</param>
/// <param name="Connections">Connections the watches shared.</param>
/// <param name="Protocol">"HTTP/2" (many watches per connection, as client-go multiplexes them) or "HTTP/1.1" (one connection each).</param>
/// <param name="TargetWritesPerSecond">The writer's rate (open loop: a write is sent on schedule, whether or not the previous one returned).</param>
/// <param name="WritesAcknowledged">Writes the server acknowledged: the events each watcher must receive.</param>
/// <param name="WriteErrors">Writes answered with an error status.</param>
/// <param name="WritesPerSecond">Acknowledged writes per second.</param>
/// <param name="WriteLatency">Latency of each write (merge patch of one annotation).</param>
/// <param name="Deliveries">Events of acknowledged writes received, summed over the watchers.</param>
/// <param name="MissedEvents">Events of acknowledged writes some watcher never received (must be 0).</param>
/// <param name="DuplicateEvents">Events a watcher received more than once.</param>
/// <param name="OutOfOrderEvents">Events whose resourceVersion was not above the one before on the same watch.</param>
/// <param name="Restarts">Watches made again from the last resourceVersion seen after the server ended a stream early.</param>
/// <param name="WatchersWithEveryEvent">Watchers that received every acknowledged write once, in order.</param>
/// <param name="CatchUpMs">From the last acknowledgement until every watcher had every event (or the wait gave up).</param>
/// <param name="Lag">Delivery lag: when a watcher had read the event minus when the write's response had been read (0 when the event came first).</param>
/// <param name="EventsBeforeAcknowledgement">Deliveries that arrived before the writer had read the write's response.</param>
/// <param name="LagFromWriteSent">When a watcher had read the event minus when the write's request was sent: write and delivery end to end.</param>
/// <param name="ClientCpuPercent">CPU of the benchmark process.</param>
/// <param name="ServerCpuPercent">CPU of the server process, when it runs apart.</param>
/// <param name="Error">The first error a watch ended with, if any.</param>
internal sealed record WatchPhaseResult(
    int Watchers,
    int Connections,
    string Protocol,
    int TargetWritesPerSecond,
    long WritesAcknowledged,
    long WriteErrors,
    double WritesPerSecond,
    LatencySummary WriteLatency,
    long Deliveries,
    long MissedEvents,
    long DuplicateEvents,
    long OutOfOrderEvents,
    long Restarts,
    int WatchersWithEveryEvent,
    double CatchUpMs,
    LatencySummary Lag,
    long EventsBeforeAcknowledgement,
    LatencySummary LagFromWriteSent,
    double ClientCpuPercent,
    double? ServerCpuPercent,
    string? Error);
