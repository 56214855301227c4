using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Marten;
using Shouldly;
using Xunit;

namespace StudentBase.Testing;

/// <summary>
/// Fuzzing every endpoint of a service with generated hostile requests: the documented example of each body with one value,
/// or a seeded random few, replaced by something hostile (wrong types, huge strings, deep JSON, unicode edge cases,
/// SQL-looking text, negative and huge amounts, impossible dates), and the same in every query parameter and route value.
/// No answer is a 5xx; every refusal is problem details; a refused request stores no event (each request is a trace of its
/// own, and the events of a flow carry its trace id as correlation). A hostile value that is still valid (a name that looks
/// like SQL) may be accepted: it is data, stored as such.
/// </summary>
public abstract class HostileRequestSpecification<TProgram>(ServiceFixture<TProgram> fixture) where TProgram : class
{
    private const string Placeholder = "\"__hostile__\"";
    private const int RandomCombinationsPerEndpoint = 40;

    /// <summary>Raw JSON values, each written where a value of the body belongs.</summary>
    private static readonly string[] HostileValues =
    [
        // wrong types
        "null", "true", "0", "-1", "[]", "{}", "[1, \"two\", null]", "{\"$ref\": \"#\"}", "\"\"", "\" \"",
        // huge and deep
        JsonSerializer.Serialize(new string('x', 100_000)), JsonSerializer.Serialize(string.Concat(Enumerable.Repeat("数据", 20_000))),
        new string('[', 5_000) + new string(']', 5_000), string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500),
        // unicode edge cases (lone surrogates, NUL, bidi override, zero-width, combining marks, BOM, astral plane)
        "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u202egnp.exe\"", "\"\\u200b\\u200d\\ufeff\"",
        "\"Z\u0351\u0362\u0337a\u0334\u0347l\u0338\u0353g\u0335o\u0336\"", "\"👨‍👩‍👧‍👦🏳️‍🌈\"", "\"𝔘𝔫𝔦𝔠𝔬𝔡𝔢\"", "\"\\uffff\\ufffe\"",
        // SQL, script and path injection
        "\"' OR '1'='1\"", "\"'; DROP TABLE mt_events; --\"", "\"1); delete from mt_streams; --\"", "\"$$; select pg_sleep(30); $$\"",
        "\"<script>alert(1)</script>\"", "\"../../../../etc/passwd\"", "\"${jndi:ldap://127.0.0.1/a}\"", "\"{{7*7}}\"", "\"%00%0d%0a\"",
        // negative, huge and odd amounts
        "-0.01", "-999999999999", "2147483648", "9223372036854775808", "79228162514264337593543950336", "1e308", "1e309",
        "-1e309", "0.0000000000000000000000000001", "1.5", "\"NaN\"", "\"Infinity\"", "\"-500000\"",
        // dates, times and identifiers that are not
        "\"2024-02-30\"", "\"0000-00-00\"", "\"0001-01-01\"", "\"9999-12-31\"", "\"2024-13-01T25:61:61Z\"", "\"yesterday\"",
        "\"00000000-0000-0000-0000-000000000000\"", "\"{0196f0c4-0000-7000-8000-00000000a001}\"", "\"0196f0c4-0000-7000-8000-00000000a001x\"",
    ];

    /// <summary>The same hostility as query-string and route text.</summary>
    private static readonly string[] HostileText =
    [
        "", " ", "null", "-1", "2147483648", "1e309", "NaN", new string('9', 5_000), new string('x', 20_000), "%00", "%ED%A0%80",
        "%E2%80%AE", "' OR '1'='1", "'; DROP TABLE mt_events; --", "<script>", "..%2F..%2Fetc%2Fpasswd", "2024-02-30", "9999-12-31T99:99",
        "00000000-0000-0000-0000-000000000000", "😀", "%FF%FE", "a&b=c", "[]",
    ];

    [Fact]
    public async Task thousands_of_hostile_requests_get_no_server_error_and_those_refused_store_nothing()
    {
        var document = JsonNode.Parse((await fixture.Host.Scenario(x => x.Get.Url("/openapi/v1.json"))).ReadAsText())!;
        var random = new Random(20261201);
        var refusedFlows = new List<string>();
        var sent = 0;

        foreach (var (method, pattern, key) in Endpoints)
        {
            var operation = document["paths"]?[pattern]?[method.ToLowerInvariant()];
            foreach (var (url, body) in Requests(document, operation, pattern, method, random))
            {
                var traceId = ActivityTraceId.CreateRandom().ToHexString();
                var result = await fixture.Host.Scenario(x =>
                {
                    x.As(key);
                    x.WithRequestHeader("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
                    if (body is null)
                    {
                        (method == "DELETE" ? x.Delete : x.Get).Url(url);
                    }
                    else
                    {
                        (method == "PUT" ? x.Put : x.Post).ByteArray(Encoding.UTF8.GetBytes(body)).ToUrl(url);
                        x.WithRequestHeader("Content-Type", "application/json");
                    }

                    x.IgnoreStatusCode();
                });
                sent++;

                var status = result.Context.Response.StatusCode;
                var because = $"{method} {Shorten(url)} with '{Shorten(body)}'";
                status.ShouldBeLessThan(500, because);
                if (status >= 400)
                {
                    result.Context.Response.ContentType.ShouldBe("application/problem+json", because);
                    refusedFlows.Add(traceId);
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{sent} hostile requests, {refusedFlows.Count} refused, none a server error");
        sent.ShouldBeGreaterThan(2_000, "the battery is thousands of requests");
        await using var session = fixture.Store.QuerySession();
        var stored = await session.Events.QueryAllRawEvents()
            .Where(@event => refusedFlows.Contains(@event.CorrelationId!))
            .Select(@event => @event.EventTypeName)
            .ToListAsync(TestContext.Current.CancellationToken);
        stored.ShouldBeEmpty("a refused request stores nothing");
    }

    private IEnumerable<(string Method, string Pattern, string Key)> Endpoints => PartnerEndpoints.Of(fixture.Host.Services);

    private static IEnumerable<(string Url, string? Body)> Requests(JsonNode document, JsonNode? operation, string pattern, string method,
        Random random)
    {
        var routed = RouteWith(pattern, _ => Guid.CreateVersion7().ToString());
        foreach (var text in HostileText.Where(_ => pattern.Contains('{')))
        {
            yield return (RouteWith(pattern, _ => Uri.EscapeDataString(text)), method is "GET" or "DELETE" ? null : "{}");
        }

        if (method is "GET" or "DELETE")
        {
            var parameters = operation?["parameters"]?.AsArray().Where(parameter => parameter?["in"]?.GetValue<string>() == "query")
                .Select(parameter => parameter!["name"]!.GetValue<string>()).ToList() ?? [];
            foreach (var parameter in parameters)
            {
                foreach (var text in HostileText)
                {
                    yield return ($"{routed}?{parameter}={Uri.EscapeDataString(text)}", null);
                }
            }

            yield break;
        }

        var example = Example(document, operation?["requestBody"]?["content"]?["application/json"]?["schema"]);
        var paths = LeafPaths(example, []).ToList();
        foreach (var path in paths)
        {
            foreach (var value in HostileValues)
            {
                yield return (routed, WithHostile(example, [path], value));
            }
        }

        for (var combination = 0; combination < RandomCombinationsPerEndpoint && paths.Count > 1; combination++)
        {
            var chosen = paths.OrderBy(_ => random.Next()).Take(random.Next(2, Math.Min(paths.Count, 4) + 1)).ToList();
            yield return (routed, WithHostile(example, chosen, HostileValues[random.Next(HostileValues.Length)]));
        }
    }

    private static string RouteWith(string pattern, Func<string, string> value) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", match => value(match.Value));

    /// <summary>The schema's documented example, or an empty object where it has none.</summary>
    private static JsonNode Example(JsonNode document, JsonNode? schema)
    {
        if (schema?["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]?["schemas"]?[reference.Split('/')[^1]];
        }

        return schema?["examples"]?[0]?.DeepClone() ?? schema?["example"]?.DeepClone() ?? new JsonObject();
    }

    /// <summary>Every value of the example, by its path of property names and indices.</summary>
    private static IEnumerable<object[]> LeafPaths(JsonNode? node, object[] path) => node switch
    {
        JsonObject value when value.Count > 0 => value.SelectMany(property => LeafPaths(property.Value, [.. path, property.Key])),
        JsonArray value when value.Count > 0 => value.SelectMany((item, index) => LeafPaths(item, [.. path, index])),
        _ when path.Length > 0 => [path],
        _ => [],
    };

    /// <summary>The example with the value at each path replaced by the raw hostile JSON (which may be invalid UTF-16 or too deep to hold as a node).</summary>
    private static string WithHostile(JsonNode example, IReadOnlyList<object[]> paths, string hostile)
    {
        var body = example.DeepClone();
        foreach (var path in paths)
        {
            var parent = path[..^1].Aggregate(body, (node, step) => step is int index ? node[index]! : node[(string)step]!);
            if (path[^1] is int index)
            {
                parent[index] = JsonValue.Create("__hostile__");
            }
            else
            {
                parent[(string)path[^1]] = JsonValue.Create("__hostile__");
            }
        }

        return body.ToJsonString().Replace(Placeholder, hostile, StringComparison.Ordinal);
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 80 ? text[..80] + "…" : text;
}
