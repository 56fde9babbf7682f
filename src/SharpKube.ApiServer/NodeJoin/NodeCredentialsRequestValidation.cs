using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.NodeJoin;

/// <summary>Checks a <see cref="NodeCredentialsRequest"/> before anything is issued; every problem is a 400 BadRequest.</summary>
internal static class NodeCredentialsRequestValidation
{
    /// <summary>More addresses than a node plausibly has: a certificate is not a place to store a list.</summary>
    public const int MaxAddresses = 16;

    /// <summary>The request's addresses, parsed and without duplicates.</summary>
    /// <exception cref="StatusException">400 BadRequest naming what is wrong.</exception>
    public static IReadOnlyList<IPAddress> Validate(NodeCredentialsRequest? request)
    {
        if (request is null)
        {
            throw StatusErrors.BadRequest("the body must be a JSON object with nodeName and addresses");
        }
        if (string.IsNullOrEmpty(request.NodeName))
        {
            throw StatusErrors.BadRequest("nodeName: Required value");
        }
        var nameErrors = NameFormat.Dns1123Subdomain(request.NodeName);
        if (nameErrors.Count > 0)
        {
            throw StatusErrors.BadRequest($"nodeName: Invalid value: \"{request.NodeName}\": {string.Join("; ", nameErrors)}");
        }
        var given = request.Addresses ?? [];
        if (given.Count > MaxAddresses)
        {
            throw StatusErrors.BadRequest($"addresses: Too many: {given.Count}: must have at most {MaxAddresses} items");
        }
        var addresses = new List<IPAddress>(given.Count);
        for (var i = 0; i < given.Count; i++)
        {
            var address = ParseAddress(given[i])
                ?? throw StatusErrors.BadRequest($"addresses[{i}]: Invalid value: \"{given[i]}\": must be a valid unicast IP address");
            if (!addresses.Contains(address))
            {
                addresses.Add(address);
            }
        }
        return addresses;
    }

    // Strict forms only: .NET's parser also takes "10.1" or "0x0a.0.0.1", which a certificate should never be issued for.
    private static IPAddress? ParseAddress(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }
        var isV6 = text.Contains(':', StringComparison.Ordinal);
        if (!isV6 && !IsDottedQuad(text))
        {
            return null;
        }
        if (!IPAddress.TryParse(text, out var address)
            || address.AddressFamily != (isV6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork))
        {
            return null;
        }
        var usable = !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.Broadcast)
            && !address.IsIPv6Multicast && !(address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] is >= 224 and <= 239);
        return usable ? address : null;
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0')
            && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }
}
