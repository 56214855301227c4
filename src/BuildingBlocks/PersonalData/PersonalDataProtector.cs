using System.Security.Cryptography;
using System.Text;
using Marten;

namespace StudentBase.PersonalData;

/// <summary>One data subject's encryption key. Deleting it erases every value encrypted with it.</summary>
public class PersonalDataKey
{
    public Guid Id { get; set; }
    public byte[] Key { get; set; } = [];
}

/// <summary>
/// Crypto-shredding for personal data held in immutable events: each value is encrypted (AES-GCM) with
/// its subject's own key, kept in a document beside the events.
/// </summary>
public static class PersonalDataProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>Creates the subject's key in the session (saved with the events) and encrypts the value.</summary>
    public static string Protect(IDocumentSession session, Guid subjectId, string value)
    {
        var key = new PersonalDataKey { Id = subjectId, Key = RandomNumberGenerator.GetBytes(32) };
        session.Store(key);
        return Encrypt(key.Key, value);
    }

    /// <summary>Encrypts a new value for a subject whose key already exists (e.g. a changed contact).</summary>
    public static async Task<string> ProtectAgainAsync(IDocumentSession session, Guid subjectId, string value, CancellationToken cancellation)
    {
        var key = await session.LoadAsync<PersonalDataKey>(subjectId, cancellation);
        return key is null ? Protect(session, subjectId, value) : Encrypt(key.Key, value);
    }

    /// <summary>The clear value, or null when the subject's key has been erased.</summary>
    public static async Task<string?> RevealAsync(IQuerySession session, Guid subjectId, string protectedValue, CancellationToken cancellation)
    {
        var key = await session.LoadAsync<PersonalDataKey>(subjectId, cancellation);
        return key is null ? null : Decrypt(key.Key, protectedValue);
    }

    /// <summary>Shows only the last characters, for a partner to recognise a value without learning it.</summary>
    public static string Mask(string value, int visible = 3) =>
        value.Length <= visible ? new string('*', value.Length) : new string('*', value.Length - visible) + value[^visible..];

    private static string Encrypt(byte[] key, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedValue = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize));
        return Convert.ToBase64String(sealedValue);
    }

    private static string Decrypt(byte[] key, string protectedValue)
    {
        var sealedValue = Convert.FromBase64String(protectedValue);
        var plain = new byte[sealedValue.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
