using System.Security.Cryptography;
using System.Text;

namespace StudentBase.Webhooks;

/// <summary>
/// Signing per the Standard Webhooks specification: HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c> with the
/// subscription's secret (<c>whsec_</c> and 24 to 64 random bytes in base64), written <c>v1,{base64}</c>.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string messageId, DateTimeOffset timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp.ToUnixTimeSeconds()}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>
    /// The <c>webhook-signature</c> value: one signature per secret still valid, space-separated, the current one first (so a
    /// receiver that has switched to the new secret matches at once, and one still on the old secret matches too).
    /// </summary>
    public static string Header(IEnumerable<string> secrets, string messageId, DateTimeOffset timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => Sign(secret, messageId, timestamp, body)));
}
