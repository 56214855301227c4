namespace StudentBase.Partners;

/// <summary>
/// A partner's request made with an <c>Idempotency-Key</c>: its fingerprint and the response a retry gets back, kept in
/// the request's own transaction, per partner, for <see cref="IdempotencyMiddleware.Retention"/>.
/// </summary>
public class IdempotentRequest
{
    /// <summary>The partner id and the key, so one partner's keys never collide with another's.</summary>
    public string Id { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    /// <summary>The answer without its secrets (see <see cref="SecretsWithheld"/>).</summary>
    public string Body { get; set; } = "";

    /// <summary>The JSON members of the answer that were secrets, shown once and not kept (comma-separated), or null.</summary>
    public string? SecretsWithheld { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    public static string IdFor(string partnerId, string key) => $"{partnerId}\n{key}";
}
