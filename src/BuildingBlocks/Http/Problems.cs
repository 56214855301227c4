using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace StudentBase.Http;

/// <summary>One kind of error a partner can meet, with a stable machine-readable type.</summary>
/// <param name="Title">In English, as the OpenAPI document gives it; <see cref="LocalTitle"/> is in the partner's language.</param>
public sealed record ProblemKind(string Name, int Status, string Title, string Description, string ChineseTitle, string ChineseDescription)
{
    /// <summary>The problem's <c>type</c>: relative to the service, where <c>GET</c> describes it.</summary>
    public string Type => $"{Problems.TypePrefix}{Name}";

    public string LocalTitle => PartnerLanguages.Text(Title, ChineseTitle);

    public string LocalDescription => PartnerLanguages.Text(Description, ChineseDescription);
}

/// <summary>
/// The catalogue of error kinds (RFC 9457 <c>type</c> values). Every 4xx/5xx answer carries one of these types;
/// partners branch on the type, never on the title or detail text.
/// </summary>
public static class Problems
{
    public const string TypePrefix = "/problems/";

    public static readonly ProblemKind Validation = new("validation", 400, "One or more fields are invalid.",
        "The request was read but some fields break a rule; 'errors' maps each field (as named in the JSON) to its messages.",
        "一个或多个字段无效。", "请求已读取，但部分字段违反规则；'errors' 按字段（以 JSON 中的名称）列出其消息。");
    public static readonly ProblemKind MalformedRequest = new("malformed-request", 400, "The request could not be read.",
        "The body is not valid JSON, has a value of the wrong type, a property the endpoint does not know, or is missing.",
        "无法读取请求。", "请求体不是有效的 JSON、某个值的类型不对、含有该端点不认识的属性，或缺少请求体。");
    public static readonly ProblemKind Unauthenticated = new("unauthenticated", 401, "An API key is required.",
        "Send a valid, unrevoked API key in the X-Api-Key header.",
        "需要 API 密钥。", "请在 X-Api-Key 请求头中发送有效且未吊销的 API 密钥。");
    public static readonly ProblemKind Forbidden = new("forbidden", 403, "Your role may not do this.",
        "The API key's role is not among the roles this endpoint allows.",
        "您的角色无权执行此操作。", "该 API 密钥的角色不在此端点允许的角色之内。");
    public static readonly ProblemKind NotFound = new("not-found", 404, "Not found.",
        "There is no such resource, or it belongs to another partner.",
        "未找到。", "不存在该资源，或该资源属于其他合作方。");
    public static readonly ProblemKind MethodNotAllowed = new("method-not-allowed", 405, "Method not allowed.",
        "The resource exists but does not accept this HTTP method.",
        "不允许该方法。", "资源存在，但不接受此 HTTP 方法。");
    public static readonly ProblemKind NotAcceptable = new("not-acceptable", 406, "Not acceptable.",
        "The service answers in JSON (application/json, application/problem+json) only.",
        "无法接受。", "服务仅以 JSON（application/json、application/problem+json）应答。");
    public static readonly ProblemKind Conflict = new("conflict", 409, "The change conflicts with the current state.",
        "Another request changed the resource at the same moment. Read it again and retry.",
        "该更改与当前状态冲突。", "另一请求同时更改了该资源。请重新读取后重试。");
    public static readonly ProblemKind PreconditionFailed = new("precondition-failed", 412, "The resource has changed.",
        "The If-Match header does not match the resource's current ETag. Read it again, then retry with the new ETag.",
        "资源已更改。", "If-Match 请求头与资源当前的 ETag 不符。请重新读取，再用新的 ETag 重试。");
    public static readonly ProblemKind PayloadTooLarge = new("payload-too-large", 413, "The request body is too large.",
        $"Request bodies are limited to {RequestLimits.MaxBodyBytes / 1024} KiB.",
        "请求体过大。", $"请求体限制为 {RequestLimits.MaxBodyBytes / 1024} KiB。");
    public static readonly ProblemKind UnsupportedMediaType = new("unsupported-media-type", 415, "Unsupported media type.",
        "Send request bodies as application/json.",
        "不支持的媒体类型。", "请以 application/json 发送请求体。");
    public static readonly ProblemKind IdempotencyKeyReused = new("idempotency-key-reused", 422, "The Idempotency-Key was used for a different request.",
        "A retry must repeat the original request exactly; use a new key for a new request.",
        "该 Idempotency-Key 已用于另一个请求。", "重试必须与原请求完全相同；新请求请使用新的密钥。");
    public static readonly ProblemKind RuleViolated = new("rule-violated", 422, "A business rule refuses the request.",
        "The request is well formed but a rule of the programme refuses it; 'rule' names the rule.",
        "业务规则拒绝了该请求。", "请求格式正确，但项目的某条规则拒绝了它；'rule' 给出规则的名称。");
    public static readonly ProblemKind RateLimited = new("rate-limited", 429, "Too many requests.",
        "The partner's request rate is over its limit; wait the number of seconds in Retry-After.",
        "请求过多。", "该合作方的请求速率超出限额；请等待 Retry-After 所示的秒数。");
    public static readonly ProblemKind ServerError = new("server-error", 500, "An unexpected error occurred.",
        "Nothing was changed unless a later read shows otherwise; retry with the same Idempotency-Key.",
        "发生意外错误。", "除非之后的读取显示已有更改，否则未做任何更改；请使用同一 Idempotency-Key 重试。");
    public static readonly ProblemKind Unavailable = new("unavailable", 503, "The service cannot reach its database.",
        "Nothing was changed; the service recovers by itself. Retry after the seconds in Retry-After, with the same Idempotency-Key.",
        "服务无法连接其数据库。", "未做任何更改；服务会自行恢复。请在 Retry-After 所示的秒数后，使用同一 Idempotency-Key 重试。");

    public static readonly IReadOnlyList<ProblemKind> All =
    [
        Validation, MalformedRequest, Unauthenticated, Forbidden, NotFound, MethodNotAllowed, NotAcceptable, Conflict,
        PreconditionFailed, PayloadTooLarge, UnsupportedMediaType, IdempotencyKeyReused, RuleViolated, RateLimited, ServerError,
        Unavailable,
    ];

    private static readonly Dictionary<int, ProblemKind> ByStatus = All
        .Where(kind => kind != MalformedRequest && kind != RuleViolated)
        .ToDictionary(kind => kind.Status);

    public static ProblemDetails Create(ProblemKind kind) => Create(kind, detail: null);

    /// <summary>A problem whose <c>detail</c> says what happened in the partner's language.</summary>
    public static ProblemDetails Create(ProblemKind kind, string english, string chinese) =>
        Create(kind, PartnerLanguages.Text(english, chinese));

    public static Task WriteAsync(HttpContext context, ProblemKind kind) => WriteAsync(context, kind, detail: null);

    public static Task WriteAsync(HttpContext context, ProblemKind kind, string english, string chinese) =>
        WriteAsync(context, kind, PartnerLanguages.Text(english, chinese));

    private static ProblemDetails Create(ProblemKind kind, string? detail) => new()
    {
        Type = kind.Type,
        Status = kind.Status,
        Title = kind.LocalTitle,
        Detail = detail,
    };

    private static Task WriteAsync(HttpContext context, ProblemKind kind, string? detail)
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
        problem.Title = kind == MalformedRequest && problem.Title is { Length: > 0 } ? problem.Title : kind.LocalTitle;
        problem.Status = status;
    }
}

public static class RequestLimits
{
    /// <summary>The largest request body accepted, in bytes (documented in the README and each problem).</summary>
    public const long MaxBodyBytes = 256 * 1024;

    /// <summary>What a multipart body adds around the file it carries (boundaries, part headers, small fields).</summary>
    public const long MultipartOverheadBytes = 16 * 1024;

    /// <summary>The largest body the request's endpoint takes: an upload's own limit, or <see cref="MaxBodyBytes"/>.</summary>
    public static long MaxBodyBytesOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<AcceptsUploadAttribute>() is { } upload
            ? upload.MaxFileBytes + MultipartOverheadBytes
            : MaxBodyBytes;
}

/// <summary>
/// The endpoint takes one file as <c>multipart/form-data</c> (part <c>file</c>) up to <paramref name="maxFileBytes"/>,
/// instead of a JSON body; the OpenAPI document describes it so.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AcceptsUploadAttribute(long maxFileBytes) : Attribute
{
    public const string FilePart = "file";

    public long MaxFileBytes { get; } = maxFileBytes;
}

/// <summary>Told of every refusal by a business rule that answers 422 (the operations' decision log is one).</summary>
public interface IRefusalObserver
{
    void Refused(HttpContext context, string rule);
}
