using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.Tables;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.Store;
using SharpKube.ApiServer.WatchCache;

namespace SharpKube.ApiServer.Responses;

/// <summary>
/// Streams a WATCH response: newline-delimited <c>WatchEvent</c>s, flushed as they happen, with periodic
/// BOOKMARKs when asked for, until the timeout, the client leaving, or the watcher falling behind.
/// </summary>
public sealed class WatchResponse
{
    private readonly HttpResponse _response;
    private readonly ResourceDefinition _resource;
    private readonly ResponseFormat _format;
    private readonly TableConvertor? _convertor;
    private readonly TimeProvider _time;
    private readonly Func<byte[], byte[]>? _served;
    private bool _columnsSent;

    /// <summary>Prepares a watch response.</summary>
    public WatchResponse(HttpResponse response, ResourceDefinition resource, ResponseFormat format, TableConvertor? convertor, TimeProvider time,
        Func<byte[], byte[]>? served)
    {
        _served = served;
        _response = response;
        _resource = resource;
        _format = format;
        _convertor = format.AsTable ? convertor : null;
        _time = time;
    }

    /// <summary>Sends the events of <paramref name="watcher"/> until it ends, <paramref name="timeout"/> passes or the client goes.</summary>
    public async Task StreamAsync(CacheWatcher watcher, Func<long> cacheRevision, TimeSpan? bookmarkInterval, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        Start();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var token = timeoutSource.Token;
        var reader = watcher.Notifications;
        long lastSent = 0;
        // One pending read and one bookmark timer live across iterations: a single-reader channel allows only
        // one outstanding wait, and nothing is allocated per event beyond the wait itself.
        Task<bool>? pendingRead = null;
        var bookmarkDue = bookmarkInterval is { } first ? Task.Delay(first, _time, token) : null;
        try
        {
            while (true)
            {
                while (reader.TryRead(out var notification))
                {
                    WriteNotification(notification);
                    lastSent = notification.Object.ResourceVersion;
                }
                await _response.BodyWriter.FlushAsync(token).ConfigureAwait(false);
                pendingRead ??= reader.WaitToReadAsync(token).AsTask();
                if (bookmarkDue is not null && await Task.WhenAny(pendingRead, bookmarkDue).ConfigureAwait(false) == bookmarkDue)
                {
                    await bookmarkDue.ConfigureAwait(false);
                    var revision = cacheRevision();
                    while (reader.TryRead(out var notification))
                    {
                        WriteNotification(notification);
                        lastSent = notification.Object.ResourceVersion;
                    }
                    WriteBookmark(Math.Max(revision, lastSent));
                    bookmarkDue = Task.Delay(bookmarkInterval!.Value, _time, token);
                    continue;
                }
                var more = await pendingRead.ConfigureAwait(false);
                pendingRead = null;
                if (!more)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout or client gone: end the stream.
        }
    }

    /// <summary>Sends one ERROR event carrying <paramref name="error"/> (e.g. 410 for an expired resourceVersion) and ends.</summary>
    public async Task WriteErrorAsync(StatusException error, CancellationToken cancellationToken)
    {
        Start();
        WriteEvent("ERROR", StatusResponse.Serialize(error), asTable: false);
        await _response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Start()
    {
        if (!_response.HasStarted)
        {
            _response.StatusCode = 200;
            _response.ContentType = "application/json";
            _response.Headers.CacheControl = "no-cache, private";
        }
    }

    private void WriteNotification(WatchNotification notification)
    {
        if (_served is null && _convertor is null)
        {
            // The common case: the line is built once per change and shared by every watcher.
            _response.BodyWriter.Write(notification.Object.EventLine(notification.Type));
            return;
        }
        var json = _served is null ? notification.Object.Json : _served(notification.Object.Json);
        WriteEvent(NotificationType(notification.Type), json);
    }

    private static string NotificationType(WatchNotificationType type) => type switch
    {
        WatchNotificationType.Added => "ADDED",
        WatchNotificationType.Modified => "MODIFIED",
        _ => "DELETED",
    };

    private void WriteBookmark(long revision)
    {
        var bookmark = new Dictionary<string, object>
        {
            ["kind"] = _resource.Kind,
            ["apiVersion"] = _resource.GroupVersion,
            ["metadata"] = new Dictionary<string, string> { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
        };
        WriteEvent("BOOKMARK", JsonSerializer.SerializeToUtf8Bytes(bookmark), asTable: false);
    }

    private void WriteEvent(string type, byte[] objectJson, bool asTable = true)
    {
        using var writer = new Utf8JsonWriter(_response.BodyWriter, ObjectJson.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WritePropertyName("object");
        if (asTable && _convertor is not null)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "Table");
            writer.WriteString("apiVersion", _format.TableApiVersion);
            writer.WriteStartObject("metadata");
            writer.WriteEndObject();
            if (!_columnsSent)
            {
                TableRows.WriteColumns(writer, _convertor);
                _columnsSent = true;
            }
            writer.WriteStartArray("rows");
            TableRows.WriteRow(writer, _convertor, objectJson, _format.IncludeObject, _time.GetUtcNow());
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteRawValue(objectJson, skipInputValidation: true);
        }
        writer.WriteEndObject();
        writer.Flush();
        _response.BodyWriter.Write("\n"u8);
    }

}
