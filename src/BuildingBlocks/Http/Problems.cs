using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace StudentBase.Http;

/// <summary>One kind of error a partner can meet, with a stable machine-readable type.</summary>
public sealed record ProblemKind(string Name, int Status, string Title, string Description)
{
    /// <summary>The problem's <c>type</c>: relative to the service, where <c>GET</c> describes it.</summary>
    public string Type => $"{Problems.TypePrefix}{Name}";
}

/// <summary>
/// The catalogue of error kinds (RFC 9457 <c>type</c> values). Every 4xx/5xx answer carries one of these types;
/// partners branch on the type, never on the title or detail text.
/// </summary>
public static class Problems
{
    public const string TypePrefix = "/problems/";

    public static readonly ProblemKind Validation = new("validation", 400, "One or more fields are invalid.",
        "The request was read but some fields break a rule; 'errors' maps each field (as named in the JSON) to its messages.");
    public static readonly ProblemKind MalformedRequest = new("malformed-request", 400, "The request could not be read.",
        "The body is not valid JSON, has a value of the wrong type, a property the endpoint does not know, or is missing.");
    public static readonly ProblemKind Unauthenticated = new("unauthenticated", 401, "An API key is required.",
        "Send a valid, unrevoked API key in the X-Api-Key header.");
    public static readonly ProblemKind Forbidden = new("forbidden", 403, "Your role may not do this.",
        "The API key's role is not among the roles this endpoint allows.");
    public static readonly ProblemKind NotFound = new("not-found", 404, "Not found.",
        "There is no such resource, or it belongs to another partner.");
    public static readonly ProblemKind MethodNotAllowed = new("method-not-allowed", 405, "Method not allowed.",
        "The resource exists but does not accept this HTTP method.");
    public static readonly ProblemKind NotAcceptable = new("not-acceptable", 406, "Not acceptable.",
        "The service answers in JSON (application/json, application/problem+json) only.");
    public static readonly ProblemKind Conflict = new("conflict", 409, "The change conflicts with the current state.",
        "Another request changed the resource at the same moment. Read it again and retry.");
    public static readonly ProblemKind PreconditionFailed = new("precondition-failed", 412, "The resource has changed.",
        "The If-Match header does not match the resource's current ETag. Read it again, then retry with the new ETag.");
    public static readonly ProblemKind PayloadTooLarge = new("payload-too-large", 413, "The request body is too large.",
        $"Request bodies are limited to {RequestLimits.MaxBodyBytes / 1024} KiB.");
    public static readonly ProblemKind UnsupportedMediaType = new("unsupported-media-type", 415, "Unsupported media type.",
        "Send request bodies as application/json.");
    public static readonly ProblemKind IdempotencyKeyReused = new("idempotency-key-reused", 422, "The Idempotency-Key was used for a different request.",
        "A retry must repeat the original request exactly; use a new key for a new request.");
    public static readonly ProblemKind RuleViolated = new("rule-violated", 422, "A business rule refuses the request.",
        "The request is well formed but a rule of the programme refuses it; 'rule' names the rule.");
    public static readonly ProblemKind RateLimited = new("rate-limited", 429, "Too many requests.",
        "The partner's request rate is over its limit; wait the number of seconds in Retry-After.");
    public static readonly ProblemKind ServerError = new("server-error", 500, "An unexpected error occurred.",
        "Nothing was changed unless a later read shows otherwise; retry with the same Idempotency-Key.");
    public static readonly ProblemKind Unavailable = new("unavailable", 503, "The service cannot reach its database.",
        "Nothing was changed; the service recovers by itself. Retry after the seconds in Retry-After, with the same Idempotency-Key.");

    public static readonly IReadOnlyList<ProblemKind> All =
    [
        Validation, MalformedRequest, Unauthenticated, Forbidden, NotFound, MethodNotAllowed, NotAcceptable, Conflict,
        PreconditionFailed, PayloadTooLarge, UnsupportedMediaType, IdempotencyKeyReused, RuleViolated, RateLimited, ServerError,
        Unavailable,
    ];

    private static readonly Dictionary<int, ProblemKind> ByStatus = All
        .Where(kind => kind != MalformedRequest && kind != RuleViolated)
        .ToDictionary(kind => kind.Status);

    public static ProblemDetails Create(ProblemKind kind, string? detail = null) => new()
    {
        Type = kind.Type,
        Status = kind.Status,
        Title = kind.Title,
        Detail = detail,
    };

    public static Task WriteAsync(HttpContext context, ProblemKind kind, string? detail = null)
    {
        context.Response.StatusCode = kind.Status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Create(kind, detail),
        }).AsTask();
    }

    /// <summary>Gives every problem written by the framework or a library the platform's type for its kind.</summary>
    internal static void Classify(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type == RuleViolated.Type && problem.Extensions.TryGetValue("rule", out var rule))
        {
            foreach (var observer in context.HttpContext.RequestServices.GetServices<IRefusalObserver>())
            {
                observer.Refused(context.HttpContext, rule?.ToString() ?? "unknown");
            }
        }

        if (problem.Type?.StartsWith(TypePrefix, StringComparison.Ordinal) == true)
        {
            return;
        }

        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var kind = status == StatusCodes.Status400BadRequest
            ? problem is HttpValidationProblemDetails { Errors.Count: > 0 } ? Validation : MalformedRequest
            : ByStatus.GetValueOrDefault(status, status >= 500 ? ServerError : MalformedRequest);

        problem.Type = kind.Type;
        problem.Title = kind == MalformedRequest && problem.Title is { Length: > 0 } ? problem.Title : kind.Title;
        problem.Status = status;
    }
}

public static class RequestLimits
{
    /// <summary>The largest request body accepted, in bytes (documented in the README and each problem).</summary>
    public const long MaxBodyBytes = 256 * 1024;
}

/// <summary>Told of every refusal by a business rule that answers 422 (the operations' decision log is one).</summary>
public interface IRefusalObserver
{
    void Refused(HttpContext context, string rule);
}
