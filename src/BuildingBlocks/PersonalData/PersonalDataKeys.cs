using System.Security.Cryptography;
using System.Text;
using Marten;

namespace StudentBase.PersonalData;

/// <summary>
/// One data subject's encryption key, kept beside the service's events. Every personal value of the subject, in events,
/// messages and read models, is stored only encrypted with it (AES-GCM), so erasing the key erases them all: the events stay
/// immutable and their non-personal facts readable. An erased key stays behind as a tombstone, so a late message cannot bring
/// the subject's key back.
/// </summary>
public class PersonalDataKey
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public Guid Id { get; set; }

    [Secret]
    public byte[] Key { get; set; } = [];

    public DateTimeOffset? ErasedAt { get; set; }

    public bool IsErased => ErasedAt is not null;

    public static PersonalDataKey NewFor(Guid subjectId) => new() { Id = subjectId, Key = RandomNumberGenerator.GetBytes(32) };

    public string Protect(string value) => Convert.ToBase64String(Seal(Encoding.UTF8.GetBytes(value)));

    /// <summary>The content sealed with this key (a document, say): nonce, tag and ciphertext.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plain)
    {
        if (IsErased)
        {
            throw new InvalidOperationException($"The personal data of subject {Id} was erased; nothing more is kept about them.");
        }

        var sealedValue = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Key, TagSize);
        aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize));
        return sealedValue;
    }

    /// <summary>The clear content; null when the key was erased or the content is not sealed with this key.</summary>
    public byte[]? Unseal(ReadOnlySpan<byte> sealedValue)
    {
        if (IsErased || sealedValue.Length < NonceSize + TagSize)
        {
            return null;
        }

        var plain = new byte[sealedValue.Length - NonceSize - TagSize];
        using var aes = new AesGcm(Key, TagSize);
        try
        {
            aes.Decrypt(sealedValue[..NonceSize], sealedValue[(NonceSize + TagSize)..], sealedValue.Slice(NonceSize, TagSize), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return plain;
    }

    /// <summary>The clear value; null when there is none, when the key was erased, or when the value is not sealed with this key.</summary>
    public string? Reveal(string? protectedValue)
    {
        if (IsErased || string.IsNullOrEmpty(protectedValue))
        {
            return null;
        }

        var sealedValue = new byte[protectedValue.Length];
        return Convert.TryFromBase64String(protectedValue, sealedValue, out var length) && Unseal(sealedValue.AsSpan(0, length)) is { } plain
            ? Encoding.UTF8.GetString(plain)
            : null;
    }
}

/// <summary>Finding, creating, sharing and erasing subjects' keys in a Marten session.</summary>
public static class PersonalDataKeys
{
    /// <summary>A new subject's key, stored with the session's events.</summary>
    public static PersonalDataKey CreateFor(this IDocumentSession session, Guid subjectId)
    {
        var key = PersonalDataKey.NewFor(subjectId);
        session.Store(key);
        return key;
    }

    /// <summary>The subject's key, created when they have none yet; an erased subject's tombstone as it is.</summary>
    public static async Task<PersonalDataKey> KeyForAsync(this IDocumentSession session, Guid subjectId, CancellationToken cancellation) =>
        await session.LoadAsync<PersonalDataKey>(subjectId, cancellation) ?? session.CreateFor(subjectId);

    /// <summary>The clear value, or null when the subject's key is missing or erased.</summary>
    public static async Task<string?> RevealAsync(this IQuerySession session, Guid subjectId, string? protectedValue, CancellationToken cancellation) =>
        protectedValue is null ? null : (await session.LoadAsync<PersonalDataKey>(subjectId, cancellation))?.Reveal(protectedValue);

    /// <summary>The keys of many subjects at once (for a list); a subject without a key is absent.</summary>
    public static async Task<IReadOnlyDictionary<Guid, PersonalDataKey>> KeysForAsync(
        this IQuerySession session, IEnumerable<Guid> subjectIds, CancellationToken cancellation) =>
        (await session.LoadManyAsync<PersonalDataKey>(cancellation, subjectIds.Distinct())).ToDictionary(key => key.Id);

    /// <summary>
    /// Keeps a key another service shared for one of its subjects, unless the subject's data was erased here already;
    /// answers the key in effect (the erased one's tombstone).
    /// </summary>
    public static async Task<PersonalDataKey> KeepSharedKeyAsync(this IDocumentSession session, Guid subjectId, byte[] key, CancellationToken cancellation)
    {
        var existing = await session.LoadAsync<PersonalDataKey>(subjectId, cancellation);
        if (existing is { IsErased: true } || existing?.Key.AsSpan().SequenceEqual(key) == true)
        {
            return existing;
        }

        // Inserted when there was none, so an erasure committed in the meantime makes this fail (and the message retry)
        // rather than be overwritten.
        var shared = new PersonalDataKey { Id = subjectId, Key = key };
        if (existing is null)
        {
            session.Insert(shared);
        }
        else
        {
            session.Store(shared);
        }

        return shared;
    }

    /// <summary>Destroys the subject's key: every value sealed with it is unreadable from now on, in every event and document.</summary>
    public static void EraseKey(this IDocumentSession session, Guid subjectId, DateTimeOffset erasedAt) =>
        session.Store(new PersonalDataKey { Id = subjectId, ErasedAt = erasedAt });

    /// <summary>Shows only the last characters, for a partner to recognise a value without learning it.</summary>
    public static string Mask(string value, int visible = 3) =>
        value.Length <= visible ? new string('*', value.Length) : new string('*', value.Length - visible) + value[^visible..];
}
