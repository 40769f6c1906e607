using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Interview.Domain.Webhooks;

namespace Interview.Api.Webhooks;

/// <summary>
/// Posts signed deliveries. Every connection is checked where it is made (SocketsHttpHandler.ConnectCallback): the host is
/// resolved and only public addresses are dialled unless <c>Webhooks:AllowPrivateNetworks</c> is true, so a name that
/// resolved to a public address at registration and to an internal one later (DNS rebinding) is refused. No redirects.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const string SignatureHeader = "Interview-Signature";
    public const string DeliveryHeader = "Interview-Delivery";
    public const string EventHeader = "Interview-Event";

    private readonly HttpClient client;
    private readonly IConfiguration configuration;

    public WebhookSender(IConfiguration configuration)
    {
        this.configuration = configuration;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync
        };
        client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    public bool AllowPrivateNetworks => configuration.GetValue("Webhooks:AllowPrivateNetworks", false);

    /// <summary>Resolves the URL's host; null when it may be called, otherwise why not.</summary>
    public async Task<string?> CheckAsync(Uri url, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.IdnHost, ct);
        }
        catch (SocketException)
        {
            return $"The host '{url.Host}' does not resolve.";
        }
        if (addresses.Length == 0) return $"The host '{url.Host}' does not resolve.";
        return AllowPrivateNetworks || addresses.All(WebhookRules.IsPublic)
            ? null
            : $"The host '{url.Host}' resolves to a loopback, link-local or private address; webhooks go to public addresses only.";
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = AllowPrivateNetworks ? addresses : addresses.Where(WebhookRules.IsPublic).ToArray();
        if (allowed.Length == 0) throw new HttpRequestException($"Refused to connect to '{host}': it resolves to no public address.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary><c>t=unix-seconds,v1=hex(HMAC-SHA256(secret, "{t}.{body}"))</c>.</summary>
    public static string Signature(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    public async Task<DeliveryAttempt> SendAsync(string url, string secret, WebhookDelivery delivery, int attempt, DateTimeOffset now, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
            request.Headers.Add(SignatureHeader, Signature(secret, now.ToUnixTimeSeconds(), delivery.Body));
            request.Headers.Add(DeliveryHeader, delivery.Id.ToString());
            request.Headers.Add(EventHeader, delivery.Kind);
            request.Headers.UserAgent.ParseAdd("Interview-Webhooks/1");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            return new DeliveryAttempt(attempt, now, status, response.IsSuccessStatusCode ? null : $"HTTP {status.ToString(CultureInfo.InvariantCulture)}",
                watch.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException && !ct.IsCancellationRequested)
        {
            return new DeliveryAttempt(attempt, now, null, e.Message, watch.ElapsedMilliseconds);
        }
    }

    public void Dispose() => client.Dispose();
}
