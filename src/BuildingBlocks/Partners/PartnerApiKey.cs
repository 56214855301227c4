using System.Security.Cryptography;
using System.Text;
using StudentBase.Contracts;

namespace StudentBase.Partners;

/// <summary>An issued API key as every service stores it: its hash and whom it stands for, never the key itself.</summary>
public class PartnerApiKey
{
    public Guid Id { get; set; }
    public string PartnerId { get; set; } = "";
    public PartnerRole Role { get; set; }
    public Guid? ScopeId { get; set; }
    public string KeyHash { get; set; } = "";
    public string Label { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public Partner ToPartner() => new(PartnerId, Role, ScopeId);
}

public static class ApiKeys
{
    public const string Prefix = "sbk_";

    /// <summary>A new random key (256 bits), in a form easy to recognise in a secret scanner.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The stored form of a key. Keys are long random secrets, so a plain SHA-256 is enough (no brute force can
    /// reach them); a slow password hash would only slow down every request.
    /// </summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
