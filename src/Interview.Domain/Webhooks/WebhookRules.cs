using System.Net;
using System.Net.Sockets;

namespace Interview.Domain.Webhooks;

public static class WebhookRules
{
    public const int MaxUrlLength = 2000;

    /// <summary>The shape of a registration: an absolute http(s) URL without credentials or fragment, and known event kinds.</summary>
    public static Dictionary<string, string[]> Validate(string? url, IReadOnlyList<string>? kinds)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            errors["url"] = [$"The url must be an absolute http or https URL of at most {MaxUrlLength} characters."];
        else if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
            errors["url"] = ["The url must not carry credentials or a fragment."];
        if (kinds is null || kinds.Count == 0 || kinds.Any(k => !WebhookKinds.All.Contains(k)))
            errors["events"] = [$"Name at least one event kind, each one of {string.Join(", ", WebhookKinds.All)}."];
        return errors;
    }

    /// <summary>
    /// Whether a webhook may connect to this address: not loopback, unspecified, link-local, private (RFC 1918), carrier-grade
    /// NAT, unique-local (fc00::/7), site-local, multicast or broadcast; IPv4-mapped IPv6 addresses are judged as IPv4.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                     || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                     || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) || b[0] >= 224);
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                     || (b[0] & 0xFE) == 0xFC || address.IsIPv6Teredo || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B));
        }
        return false;
    }
}
