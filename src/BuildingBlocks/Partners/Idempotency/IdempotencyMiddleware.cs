using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Npgsql;
using StudentBase.EventSourcing;
using StudentBase.Http;
using StudentBase.PersonalData;
using Wolverine.Http;

namespace StudentBase.Partners;

/// <summary>
/// Makes a POST safe to retry. With an <c>Idempotency-Key</c> header, the first request runs and its response is
/// kept; a retry with the same key and body gets that response back (with <c>Idempotent-Replayed: true</c>) and
/// writes nothing; the same key with another body is a 422. The request and its kept response are one transaction
/// (<see cref="SharedTransaction"/>): the answer leaves only once both are committed, and a retry sent while the first
/// is still running gets the first one's answer once that has committed (the retry's own writes are dropped). A response of 5xx is not kept and what the request wrote is
/// dropped with it, so the request can be retried with the same key; nor is a 409 or 412, which a retry must be judged on
/// the current state for. The If-Match header is part of the request, so a retry with a fresh ETag is a new request.
/// What the answer holds of the <see cref="DataClasses.Secret"/> class (an issued key) is not kept: a replay answers it
/// as null and names it in <c>Idempotent-Secrets-Withheld</c>.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock)
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
            await Problems.WriteAsync(context, Problems.MalformedRequest, $"An {HeaderName} has 1 to {MaxKeyLength} characters.",
                $"{HeaderName} 的长度为 1 到 {MaxKeyLength} 个字符。");
            return;
        }

        var fingerprint = await FingerprintAsync(context.Request);
        var id = IdempotentRequest.IdFor(partner.PartnerId, key);
        var earlier = await StoredAsync(id, context.RequestAborted);
        if (IsReplayable(earlier))
        {
            await AnswerRetryAsync(context, earlier!, fingerprint);
            return;
        }

        // An expired record, or an earlier version's claim that never got its answer, gives way to this request's.
        await RunAndKeepAsync(context, id, fingerprint, earlier);
    }

    /// <summary>
    /// Runs the request on one transaction with its answer held back, adds the answer to it when it is to be kept, commits,
    /// and only then lets the answer go: a client that retries the moment it reads the answer finds the key kept or free.
    /// </summary>
    private async Task RunAndKeepAsync(HttpContext context, string id, string fingerprint, IdempotentRequest? replaced)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        ExceptionDispatchInfo? failure = null;
        var outcome = Outcome.NotKept;
        await using (var transaction = await SharedTransaction.BeginAsync(dataSource, context.RequestAborted))
        {
            context.Response.Body = buffer;
            try
            {
                using (transaction.Join())
                {
                    await next(context);
                }
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }
            finally
            {
                context.Response.Body = original;
            }

            if (failure is null && IsKept(context.Response.StatusCode))
            {
                outcome = await TryKeepAsync(context, transaction, id, fingerprint, replaced, buffer.ToArray()) ? Outcome.Kept : Outcome.KeptByAnother;
            }

            if (outcome == Outcome.Kept)
            {
                await transaction.CommitAsync();
            }
        }

        if (outcome != Outcome.Kept)
        {
            // A failure, a conflict or a lost race for the key can come from the same request, sent again while this one
            // ran, that committed first: this one's writes are dropped and that one's answer given.
            var first = await StoredAsync(id, CancellationToken.None);
            if (IsReplayable(first) && first!.CreatedAt != replaced?.CreatedAt)
            {
                await AnswerRetryAsync(context, first, fingerprint, replaceAnswer: true);
                return;
            }

            failure?.Throw();
            if (outcome == Outcome.KeptByAnother)
            {
                ClearAnswer(context);
                await Problems.WriteAsync(context, Problems.Conflict, $"Another request with this {HeaderName} was kept at the same moment; retry.",
                    $"另一个使用相同 {HeaderName} 的请求同时被保存；请重试。");
                return;
            }
        }

        RequestStages.Current?.Committed();
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private enum Outcome
    {
        NotKept,
        Kept,
        KeptByAnother,
    }

    /// <summary>Adds the answer to the request's transaction; false when the same request (same key) was kept first.</summary>
    private async Task<bool> TryKeepAsync(
        HttpContext context, SharedTransaction transaction, string id, string fingerprint, IdempotentRequest? replaced, byte[] body)
    {
        using var aside = RequestStages.Aside();
        var now = clock.GetUtcNow();
        var (kept, withheld) = WithoutSecrets(context, body);
        await using var session = transaction.OpenSession(store);
        if (replaced is not null)
        {
            session.Delete(replaced);
        }

        session.Insert(new IdempotentRequest
        {
            Id = id,
            Fingerprint = fingerprint,
            StatusCode = context.Response.StatusCode,
            ContentType = context.Response.ContentType,
            Location = context.Response.Headers.Location,
            ETag = context.Response.Headers.ETag,
            Body = kept,
            SecretsWithheld = withheld,
            CreatedAt = now,
            ExpiresAt = now + Retention,
        });
        try
        {
            await session.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (DocumentAlreadyExistsException)
        {
            return false;
        }
    }

    private async Task<IdempotentRequest?> StoredAsync(string id, CancellationToken cancellation)
    {
        using var aside = RequestStages.Aside();
        await using var session = store.QuerySession();
        return await session.LoadAsync<IdempotentRequest>(id, cancellation);
    }

    /// <summary>A kept answer still in force (a record without a status was an earlier version's claim, never an answer).</summary>
    private bool IsReplayable(IdempotentRequest? stored) => stored is { StatusCode: > 0 } && stored.ExpiresAt > clock.GetUtcNow();

    private static void ClearAnswer(HttpContext context)
    {
        foreach (var header in new[] { HeaderNames.Location, HeaderNames.ETag, HeaderNames.ContentType, HeaderNames.ContentLength })
        {
            context.Response.Headers.Remove(header);
        }
    }

    private static async Task AnswerRetryAsync(HttpContext context, IdempotentRequest earlier, string fingerprint, bool replaceAnswer = false)
    {
        if (replaceAnswer)
        {
            ClearAnswer(context);
        }

        if (earlier.Fingerprint != fingerprint)
        {
            await Problems.WriteAsync(context, Problems.IdempotencyKeyReused);
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
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: RequestLimits.MaxBodyBytesOf(request.HttpContext));
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
