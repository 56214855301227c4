using System.Security.Cryptography;
using System.Text;

namespace StudentBase.EventSourcing;

/// <summary>Stream ids derived from a name, so that two writers of the same thing (a version, a person's watch) meet on one stream.</summary>
public static class StreamIds
{
    /// <summary>The first 16 bytes of the name's SHA-256: stable across versions of the service, so never change it.</summary>
    public static Guid Named(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name))[..16]);
}
