using System.Text.Json;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>Checks that a response is a failure <c>metav1.Status</c> with the upstream code and reason.</summary>
public static class StatusAssert
{
    /// <summary>Asserts the response and returns the Status message.</summary>
    public static async Task<string> IsFailureAsync(HttpResponseMessage response, int code, string reason)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == code, $"expected {code}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        return IsFailure(JsonDocument.Parse(body).RootElement, code, reason);
    }

    /// <summary>Asserts a Status object (e.g. of an ERROR watch event) and returns its message.</summary>
    public static string IsFailure(JsonElement status, int code, string reason)
    {
        Assert.Equal("Status", status.GetProperty("kind").GetString());
        Assert.Equal("v1", status.GetProperty("apiVersion").GetString());
        Assert.Equal("Failure", status.GetProperty("status").GetString());
        Assert.Equal(code, status.GetProperty("code").GetInt32());
        Assert.Equal(reason, status.GetProperty("reason").GetString());
        return status.GetProperty("message").GetString()!;
    }
}
