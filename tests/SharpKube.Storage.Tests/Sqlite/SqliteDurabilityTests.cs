using System.Text;
using SharpKube.Storage.Sqlite;

namespace SharpKube.Storage.Tests.Sqlite;

/// <summary>An acknowledged write survives SIGKILL of the process that made it.</summary>
public sealed class SqliteDurabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriterKilledMidStream_EveryAcknowledgedWriteSurvives_AndTheRevisionContinues()
    {
        using var dir = new TempDirectory();
        var path = dir.File("db/state.db");
        var highestAcked = 0L;

        for (var run = 0; run < 3; run++)
        {
            var acks = await CrashWriterProcess.RunAndKillAsync(path, $"run{run}", writers: 16, killAfterAcks: 2000, Ct);
            Assert.True(acks.Count >= 2000);
            Assert.All(acks, a => Assert.True(a.Revision > highestAcked, $"revision {a.Revision} of run {run} does not continue after {highestAcked}"));

            await using var store = SqliteStore.Open(path);
            foreach (var ack in acks)
            {
                var atAck = await store.GetAsync(ack.Key, ack.Revision, Ct);
                Assert.True(atAck is not null, $"acknowledged write of {ack.Key} at revision {ack.Revision} is missing after SIGKILL");
                Assert.Equal(ack.Value, Encoding.UTF8.GetString(atAck.Value.Span));
                var latest = await store.GetAsync(ack.Key, cancellationToken: Ct);
                Assert.NotNull(latest);
                Assert.True(latest.ModRevision >= ack.Revision);
            }

            highestAcked = acks.Max(a => a.Revision);
            var current = await store.CurrentRevisionAsync(Ct);
            Assert.True(current >= highestAcked);
            var next = await store.CreateAsync($"/after/{run}", Encoding.UTF8.GetBytes("after"), cancellationToken: Ct);
            Assert.Equal(current + 1, next.ModRevision);
            highestAcked = next.ModRevision;
        }
    }
}
