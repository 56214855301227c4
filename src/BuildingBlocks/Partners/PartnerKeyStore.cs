using Marten;
using Microsoft.Extensions.Configuration;
using StudentBase.Contracts;

namespace StudentBase.Partners;

/// <summary>A key seeded from configuration (development and tests), given in clear or as its hash.</summary>
public sealed class ConfiguredPartnerKey
{
    public string PartnerId { get; set; } = "";
    public PartnerRole Role { get; set; }
    public Guid? ScopeId { get; set; }
    public string? Key { get; set; }
    public string? KeyHash { get; set; }
}

/// <summary>Finds the partner an API key stands for: seeded keys first, then keys issued through the API.</summary>
public sealed class PartnerKeyStore
{
    public const string ConfigurationSection = "Partners:ApiKeys";

    private readonly Dictionary<string, Partner> _seeded;
    private readonly IDocumentStore _store;

    public PartnerKeyStore(IConfiguration configuration, IDocumentStore store)
    {
        _store = store;
        _seeded = configuration.GetSection(ConfigurationSection).Get<List<ConfiguredPartnerKey>>()?
            .Where(key => !string.IsNullOrWhiteSpace(key.Key) || !string.IsNullOrWhiteSpace(key.KeyHash))
            .ToDictionary(
                key => key.KeyHash?.ToLowerInvariant() ?? ApiKeys.Hash(key.Key!),
                key => new Partner(key.PartnerId, key.Role, key.ScopeId))
            ?? [];
    }

    public async Task<Partner?> FindAsync(string key, CancellationToken cancellation)
    {
        var hash = ApiKeys.Hash(key);
        if (_seeded.TryGetValue(hash, out var seeded))
        {
            return seeded;
        }

        await using var session = _store.QuerySession();
        var issued = await session.Query<PartnerApiKey>()
            .Where(candidate => candidate.KeyHash == hash && candidate.RevokedAt == null)
            .FirstOrDefaultAsync(cancellation);
        return issued?.ToPartner();
    }
}
