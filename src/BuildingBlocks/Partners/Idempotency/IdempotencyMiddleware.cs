using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http;
using StudentBase.Http;
using StudentBase.PersonalData;
using Wolverine.Http;

namespace StudentBase.Partners;

/// <summary>
/// Makes a POST safe to retry. With an <c>Idempotency-Key</c> header, the first request runs and its response is
/// kept; a retry with the same key and body gets that response back (with <c>Idempotent-Replayed: true</c>) and
/// writes nothing; the same key with another body is a 422; a retry while the first is still running is a 409.
/// A response of 5xx is not kept, so the request can be retried with the same key; nor is a 409 or 412, which a retry must
/// be judged on the current state for. The If-Match header is part of the request, so a retry with a fresh ETag is a new
/// request. What the answer holds of the <see cref="DataClasses.Secret"/> class (an issued key) is not kept: a replay
/// answers it as null and names it in <c>Idempotent-Secrets-Withheld</c>.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IDocumentStore store, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const string SecretsWithheldHeader = "Idempotent-Secrets-Withheld";
    public const int MaxKeyLength = 200;
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Headers.TryGetValue(HeaderName, out var values)
            || Partner.From(context.User) is not { } partner)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength)
        {
            await Problems.WriteAsync(context, Problems.MalformedRequest, $"An {HeaderName} has 1 to {MaxKeyLength} characters.");
            return;
        }

        var fingerprint = await FingerprintAsync(context.Request);
        var id = IdempotentRequest.IdFor(partner.PartnerId, key);
        var now = clock.GetUtcNow();

        using (RequestStages.Aside())
        await using (var session = store.LightweightSession())
        {
            var earlier = await session.LoadAsync<IdempotentRequest>(id, context.RequestAborted);
            if (earlier is not null && earlier.ExpiresAt > now)
            {
                await AnswerRetryAsync(context, earlier, fingerprint);
                return;
            }

            if (earlier is not null)
            {
                session.Delete(earlier);
            }

            session.Insert(new IdempotentRequest { Id = id, Fingerprint = fingerprint, CreatedAt = now, ExpiresAt = now + Retention });
            try
            {
                await session.SaveChangesAsync(context.RequestAborted);
            }
            catch (DocumentAlreadyExistsException)
            {
                await Problems.WriteAsync(context, Problems.Conflict, $"A request with this {HeaderName} is still running.");
                return;
            }
        }

        await RunAndKeepAsync(context, id);
    }

    /// <summary>
    /// Runs the request with its answer held back, keeps or forgets it, and only then lets the answer go: a client that
    /// retries the moment it reads the answer finds the key already kept or already free.
    /// </summary>
    private async Task RunAndKeepAsync(HttpContext context, string id)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await ForgetAsync(id);
            throw;
        }

        context.Response.Body = original;
        if (!IsKept(context.Response.StatusCode) || !await KeepAsync(context, id, buffer.ToArray()))
        {
            await ForgetAsync(id);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>Stores the answer with the request; false when the request is no longer there to complete.</summary>
    private async Task<bool> KeepAsync(HttpContext context, string id, byte[] body)
    {
        using var aside = RequestStages.Aside();
        await using var session = store.LightweightSession();
        var request = await session.LoadAsync<IdempotentRequest>(id, CancellationToken.None);
        if (request is null)
        {
            return false;
        }

        request.Completed = true;
        request.StatusCode = context.Response.StatusCode;
        request.ContentType = context.Response.ContentType;
        request.Location = context.Response.Headers.Location;
        request.ETag = context.Response.Headers.ETag;
        (request.Body, request.SecretsWithheld) = WithoutSecrets(context, body);
        session.Store(request);
        await session.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    private async Task ForgetAsync(string id)
    {
        using var aside = RequestStages.Aside();
        await using var session = store.LightweightSession();
        session.Delete<IdempotentRequest>(id);
        await session.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task AnswerRetryAsync(HttpContext context, IdempotentRequest earlier, string fingerprint)
    {
        if (earlier.Fingerprint != fingerprint)
        {
            await Problems.WriteAsync(context, Problems.IdempotencyKeyReused);
            return;
        }

        if (!earlier.Completed)
        {
            await Problems.WriteAsync(context, Problems.Conflict, $"A request with this {HeaderName} is still running.");
            return;
        }

        context.Response.StatusCode = earlier.StatusCode;
        context.Response.ContentType = earlier.ContentType;
        if (earlier.Location is { Length: > 0 } location)
        {
            context.Response.Headers.Location = location;
        }

        if (earlier.ETag is { Length: > 0 } etag)
        {
            context.Response.Headers.ETag = etag;
        }

        context.Response.Headers[ReplayedHeader] = "true";
        if (earlier.SecretsWithheld is { Length: > 0 } withheld)
        {
            context.Response.Headers[SecretsWithheldHeader] = withheld;
        }

        await context.Response.WriteAsync(earlier.Body, context.RequestAborted);
    }

    private static bool IsKept(int status) =>
        status < StatusCodes.Status500InternalServerError && status is not (StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed);

    /// <summary>The answer as it is kept: its secrets replaced by null, and which they were (their names in the JSON).</summary>
    private static (string Body, string? SecretsWithheld) WithoutSecrets(HttpContext context, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        if (context.GetEndpoint()?.Metadata.GetMetadata<HttpChain>()?.ResourceType is not { } answer
            || context.Response.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (text, null);
        }

        var json = JsonNode.Parse(text);
        var before = json?.ToJsonString();
        ClassifiedData.Redact(json, answer, DataClasses.Secret);
        var after = json?.ToJsonString();
        return before == after ? (text, null) : (after!, string.Join(',', Withheld(JsonNode.Parse(before!), json)));
    }

    private static IEnumerable<string> Withheld(JsonNode? before, JsonNode? after, string path = "") =>
        (before, after) switch
        {
            (JsonObject was, JsonObject now) => was.SelectMany(member =>
                member.Value is not null && now[member.Key] is null
                    ? [$"{path}{member.Key}"]
                    : Withheld(member.Value, now[member.Key], $"{path}{member.Key}.")),
            _ => [],
        };

    /// <summary>The same request means the same method, path, query, If-Match and body bytes.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: RequestLimits.MaxBodyBytes);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        if (request.Headers.IfMatch.Count > 0)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"If-Match: {request.Headers.IfMatch}\n"));
        }

        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
