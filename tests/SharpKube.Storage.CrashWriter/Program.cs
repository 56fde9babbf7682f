using System.Globalization;
using System.Text;
using SharpKube.Storage.Sqlite;

// Usage: CrashWriter <database-file> <run-id> <writers>
// Each writer creates /crash/<run-id>/<writer>/<n> (value "<run-id>/<writer>/<n>") and then updates it once, and
// prints "ack <key> <revision> <value>" only after the store acknowledged the write. It runs until killed.
var path = args[0];
var runId = args[1];
var writers = int.Parse(args[2], CultureInfo.InvariantCulture);
var store = SqliteStore.Open(path);
var output = Console.Out;
var gate = new object();
Console.WriteLine($"ready {await store.CurrentRevisionAsync()}");

await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
{
    for (var n = 0; ; n++)
    {
        var key = $"/crash/{runId}/{w}/{n}";
        var created = await store.CreateAsync(key, Encoding.UTF8.GetBytes($"{runId}/{w}/{n}"));
        Acknowledge(key, created.ModRevision, $"{runId}/{w}/{n}");
        var updated = await store.UpdateAsync(key, Encoding.UTF8.GetBytes($"{runId}/{w}/{n}/updated"), created.ModRevision);
        Acknowledge(key, updated.ModRevision, $"{runId}/{w}/{n}/updated");
    }
})));

void Acknowledge(string key, long revision, string value)
{
    lock (gate)
    {
        output.WriteLine($"ack {key} {revision} {value}");
        output.Flush();
    }
}
