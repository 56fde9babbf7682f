using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SharpKube.ApiServer.Authentication;
using SharpKube.ApiServer.Pki;

namespace SharpKube.ApiServer.Tests.Authentication;

/// <summary>
/// A real Kestrel server on 127.0.0.1, port 0, with the API server's TLS settings, that answers
/// <c>POST /apis/authentication.k8s.io/v1/selfsubjectreviews</c> (what <c>kubectl auth whoami</c> calls) with the
/// user <see cref="RequestAuthenticator"/> found, or 401 with a Status.
/// </summary>
public sealed class WhoAmIServer : IAsyncDisposable
{
    public const string ReviewPath = "/apis/authentication.k8s.io/v1/selfsubjectreviews";

    private readonly WebApplication _app;

    private WhoAmIServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<WhoAmIServer> StartAsync(ClusterPki pki, RequestAuthenticator authenticator)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(https => ApiServerHttps.Configure(https, pki));
        }));
        var app = builder.Build();
        app.MapPost(ReviewPath, (HttpContext context) => Review(authenticator.Authenticate(context)));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new WhoAmIServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TestContext.Current.CancellationToken);
        await _app.DisposeAsync();
    }

    private static IResult Review(UserInfo? user)
    {
        if (user is null)
        {
            var status = new { kind = "Status", apiVersion = "v1", metadata = new { }, status = "Failure", message = "Unauthorized", reason = "Unauthorized", code = 401 };
            return Results.Text(JsonSerializer.Serialize(status), "application/json", statusCode: 401);
        }

        var review = new
        {
            kind = "SelfSubjectReview",
            apiVersion = "authentication.k8s.io/v1",
            metadata = new { creationTimestamp = (string?)null },
            status = new { userInfo = new { username = user.Name, uid = user.Uid, groups = user.Groups } },
        };
        return Results.Text(JsonSerializer.Serialize(review), "application/json", statusCode: 201);
    }
}
