using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Http;

/// <summary>Parses the query options of writes: <c>dryRun</c>, <c>fieldManager</c>, <c>fieldValidation</c>.</summary>
public static class WriteQuery
{
    /// <summary>Parses and validates the options of <paramref name="request"/>; 400 BadRequest for unsupported values.</summary>
    public static WriteOptions Parse(HttpRequest request) => Parse(request.Query, request.Headers.UserAgent.ToString());

    /// <summary>Parses and validates the options; 400 BadRequest for unsupported values.</summary>
    public static WriteOptions Parse(IQueryCollection query, string? userAgent = null)
    {
        var dryRun = ParseDryRun(query);
        var validation = query["fieldValidation"].ToString();
        if (validation.Length == 0)
        {
            validation = "Warn";
        }
        if (validation is not ("Strict" or "Warn" or "Ignore"))
        {
            throw StatusErrors.BadRequest(
                $"fieldValidation: Unsupported value: \"{validation}\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }
        var manager = query["fieldManager"].ToString();
        if (manager.Length > 128)
        {
            throw StatusErrors.BadRequest($"fieldManager: Too long: may not be more than 128 bytes");
        }
        return new WriteOptions(dryRun, manager.Length == 0 ? null : manager, validation, userAgent, ParseForce(query));
    }

    private static bool? ParseForce(IQueryCollection query)
    {
        var values = query["force"];
        if (values.Count == 0)
        {
            return null;
        }
        // The spellings of a boolean query parameter upstream accepts.
        return values[0] switch
        {
            "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
            "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
            _ => throw StatusErrors.BadRequest($"force: invalid value \"{values[0]}\": must be true or false"),
        };
    }

    /// <summary>Parses <c>dryRun</c>: absent, or <c>All</c>.</summary>
    public static bool ParseDryRun(IQueryCollection query)
    {
        var values = query["dryRun"];
        foreach (var value in values)
        {
            if (value != "All")
            {
                throw StatusErrors.BadRequest($"dryRun: Unsupported value: \"{value}\": supported values: \"All\"");
            }
        }
        return values.Count > 0;
    }
}
