using System.Security.Cryptography;
using System.Text;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http;
using StudentBase.Http;

namespace StudentBase.Partners;

/// <summary>
/// Makes a POST safe to retry. With an <c>Idempotency-Key</c> header, the first request runs and its response is
/// kept; a retry with the same key and body gets that response back (with <c>Idempotent-Replayed: true</c>) and
/// writes nothing; the same key with another body is a 422; a retry while the first is still running is a 409.
/// A response of 5xx is not kept, so the request can be retried with the same key.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IDocumentStore store, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
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

    private async Task RunAndKeepAsync(HttpContext context, string id)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var kept = false;
        try
        {
            await next(context);

            buffer.Position = 0;
            if (context.Response.StatusCode < StatusCodes.Status500InternalServerError)
            {
                await using var session = store.LightweightSession();
                var request = await session.LoadAsync<IdempotentRequest>(id, CancellationToken.None);
                if (request is not null)
                {
                    request.Completed = true;
                    request.StatusCode = context.Response.StatusCode;
                    request.ContentType = context.Response.ContentType;
                    request.Location = context.Response.Headers.Location;
                    request.ETag = context.Response.Headers.ETag;
                    request.Body = Encoding.UTF8.GetString(buffer.ToArray());
                    session.Store(request);
                    await session.SaveChangesAsync(CancellationToken.None);
                    kept = true;
                }
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
        finally
        {
            context.Response.Body = original;
            if (!kept)
            {
                await using var session = store.LightweightSession();
                session.Delete<IdempotentRequest>(id);
                await session.SaveChangesAsync(CancellationToken.None);
            }
        }
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
        await context.Response.WriteAsync(earlier.Body, context.RequestAborted);
    }

    /// <summary>The same request means the same method, path, query and body bytes.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: RequestLimits.MaxBodyBytes);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
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
